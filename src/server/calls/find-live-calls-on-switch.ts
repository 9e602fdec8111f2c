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
    },
    orderBy: { initiatedAt: "asc" },
  });
}
