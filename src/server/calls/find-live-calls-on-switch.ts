import type { CallDirection, CallStatus } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { LIVE_CALL_STATUSES } from "@/server/calls/call-view";

export interface LiveCall {
  id: string;
  tenantId: string;
  direction: CallDirection;
  status: CallStatus;
  channelUuid: string | null;
  claimedBy: string | null;
  initiatedAt: Date | null;
  answeredAt: Date | null;
  timeLimitSeconds: number | null;
  /** Set when the API asked to end the call; the worker kills the channel. */
  endRequestedAt: Date | null;
  endRequestedStatus: CallStatus | null;
  /** The API asked for a live change (Url/Twiml/instructions): the worker takes it (redirect-call.ts). */
  redirectRequestedAt: Date | null;
  /** The verb interpreter's stored state: a worker adopting the call resumes it. */
  voiceSession: unknown;
  parentCallId: string | null;
}

/** Whether the database holds this call live (initiated, ringing, in progress): a channel of a live call is no stray. */
export async function isCallLive(callId: string): Promise<boolean> {
  const call = await db.call.findUnique({ where: { id: callId }, select: { status: true } });
  return call !== null && (LIVE_CALL_STATUSES as readonly string[]).includes(call.status);
}

/** What the database believes is live (initiated, ringing, in progress) on a switch: reconcile compares it with `show channels`. */
export async function findLiveCallsOnSwitch(switchId: string): Promise<LiveCall[]> {
  return db.call.findMany({
    where: { status: { in: [...LIVE_CALL_STATUSES] }, switchId },
    select: {
      id: true,
      tenantId: true,
      direction: true,
      status: true,
      channelUuid: true,
      claimedBy: true,
      initiatedAt: true,
      answeredAt: true,
      timeLimitSeconds: true,
      endRequestedAt: true,
      endRequestedStatus: true,
      redirectRequestedAt: true,
      voiceSession: true,
      parentCallId: true,
    },
    orderBy: { initiatedAt: "asc" },
  });
}
