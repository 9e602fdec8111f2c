// A change to a live room the API asks for, handed to the worker driving the room's switch (as end requests are:
// a stored request, a NOTIFY to wake it, and its poll as the fallback). The worker turns it into a
// `conference <room> …` command with member ids only (worker/conference-control.ts).
import type { Tx } from "@/server/db";
import { newId } from "@/server/shared/ids";

/** NOTIFY channel the workers LISTEN on; the payload is the switch id. */
export const CONFERENCE_REQUEST_CHANNEL = "irisx_conference_request";

/** dial: a consultation's third party dialled into the room (data: ConferenceDial). */
export type ConferenceAction = "mute" | "unmute" | "hold" | "unhold" | "coach" | "uncoach" | "kick" | "end" | "dial";

export async function requestConferenceAction(
  tx: Tx,
  input: { tenantId: string; conferenceId: string; switchId: string; callId: string | null; action: ConferenceAction; data?: Record<string, unknown> },
): Promise<void> {
  await tx.conferenceRequest.create({
    data: { id: newId("cfr"), tenantId: input.tenantId, conferenceId: input.conferenceId, switchId: input.switchId, callId: input.callId, action: input.action, data: (input.data ?? {}) as never },
  });
  await tx.$executeRaw`SELECT pg_notify(${CONFERENCE_REQUEST_CHANNEL}, ${input.switchId})`;
}

/** What the worker needs to dial the third party into the room (a conference request `dial`; src/server/agents/consult-agent-call.ts): checked values only. */
export interface ConferenceDial {
  callId: string;
  channelUuid: string;
  tenantId: string;
  /** The room's friendly name; the worker makes the switch's room name of it. */
  conference: string;
  callerIdNumber: string;
  ringSeconds: number;
  /** An agent's lines (the first registered one rings), or a number through the carrier. */
  lines?: { username: string; domain: string }[];
  number?: string;
  /** The agent's own call being given back to their softphone after a reload: it answers by itself (X-IRISX-Reattach). */
  reattachCallId?: string;
}
