// A change to a live room the API asks for, handed to the worker driving the room's switch (as end requests are:
// a stored request, a NOTIFY to wake it, and its poll as the fallback). The worker turns it into a
// `conference <room> …` command with member ids only (worker/conference-control.ts).
import type { Tx } from "@/server/db";
import { newId } from "@/server/shared/ids";

/** NOTIFY channel the workers LISTEN on; the payload is the switch id. */
export const CONFERENCE_REQUEST_CHANNEL = "irisx_conference_request";

export type ConferenceAction = "mute" | "unmute" | "hold" | "unhold" | "coach" | "uncoach" | "kick" | "end";

export async function requestConferenceAction(
  tx: Tx,
  input: { tenantId: string; conferenceId: string; switchId: string; callId: string | null; action: ConferenceAction; data?: Record<string, unknown> },
): Promise<void> {
  await tx.conferenceRequest.create({
    data: { id: newId("cfr"), tenantId: input.tenantId, conferenceId: input.conferenceId, switchId: input.switchId, callId: input.callId, action: input.action, data: (input.data ?? {}) as never },
  });
  await tx.$executeRaw`SELECT pg_notify(${CONFERENCE_REQUEST_CHANNEL}, ${input.switchId})`;
}
