// The worker calls this when a call's <Dial><Conference> is about to join the switch's room: the tenant's open room
// of that name (created now, or the one an API participant started), and the call's participant row (connecting)
// with the noun's attributes. The room's first member with a statusCallback sets it for the room (as on Twilio);
// so do maxParticipants and record. A room already holding maxParticipants refuses the call.
import type { Conference } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import { newId, newSid } from "@/server/shared/ids";

export interface JoinConferenceInput {
  tenantId: string;
  callId: string;
  switchId: string;
  friendlyName: string;
  /** The switch's room name (worker/call-control/conference-apps.ts). */
  room: string;
  label: string | null;
  muted: boolean;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  /** The call this participant coaches (Twilio's `coach`). */
  callSidToCoach: string | null;
  maxParticipants: number;
  statusCallback: { url: string; method: "GET" | "POST"; events: string[] } | null;
  /** record-from-start: where the switch writes the room's recording, if this call starts it. */
  recordingPath: string | null;
  recordingStatusCallback: { url: string; method: "GET" | "POST" } | null;
}

export type JoinConferenceResult =
  | { ok: true; conferenceId: string; participantId: string; /** The room's recording this call must start on the switch. */ startRecording: { recordingId: string; path: string } | null }
  | { ok: false; reason: "full"; conferenceId: string };

/** The tenant's room of this name that has not ended, locked for the rest of the transaction. */
export async function lockOpenConference(tx: Tx, tenantId: string, friendlyName: string): Promise<Conference | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`conference:${tenantId}:${friendlyName}`}, 0))`;
  return tx.conference.findFirst({ where: { tenantId, friendlyName, status: { not: "COMPLETED" } }, orderBy: { createdAt: "desc" } });
}

export async function joinConference(input: JoinConferenceInput): Promise<JoinConferenceResult> {
  return db.$transaction(async (tx) => {
    let conference = await lockOpenConference(tx, input.tenantId, input.friendlyName);
    const callback = input.statusCallback;
    if (!conference) {
      conference = await tx.conference.create({
        data: {
          id: newSid("CF"),
          tenantId: input.tenantId,
          friendlyName: input.friendlyName,
          room: input.room,
          switchId: input.switchId,
          maxParticipants: input.maxParticipants,
          ...(callback ? { statusCallbackUrl: callback.url, statusCallbackMethod: callback.method, statusCallbackEvents: callback.events, statusCallbackCallId: input.callId } : {}),
          ...(input.recordingStatusCallback ? { recordingStatusCallbackUrl: input.recordingStatusCallback.url, recordingStatusCallbackMethod: input.recordingStatusCallback.method } : {}),
        },
      });
    } else if (conference.switchId === null || (callback && !conference.statusCallbackUrl)) {
      conference = await tx.conference.update({
        where: { id: conference.id },
        data: {
          room: input.room,
          switchId: conference.switchId ?? input.switchId,
          ...(callback && !conference.statusCallbackUrl ? { statusCallbackUrl: callback.url, statusCallbackMethod: callback.method, statusCallbackEvents: callback.events, statusCallbackCallId: input.callId } : {}),
        },
      });
    }
    const others = await tx.conferenceParticipant.count({
      where: { conferenceId: conference.id, callId: { not: input.callId }, status: { in: ["CONNECTING", "CONNECTED"] } },
    });
    if (others >= conference.maxParticipants) return { ok: false as const, reason: "full" as const, conferenceId: conference.id };
    const attributes = {
      label: input.label,
      status: "CONNECTING" as const,
      muted: input.muted,
      hold: false,
      coaching: input.callSidToCoach !== null,
      callSidToCoach: input.callSidToCoach,
      startConferenceOnEnter: input.startConferenceOnEnter,
      endConferenceOnExit: input.endConferenceOnExit,
      memberId: null,
      leftAt: null,
    };
    const participant = await tx.conferenceParticipant.upsert({
      where: { conferenceId_callId: { conferenceId: conference.id, callId: input.callId } },
      create: { id: newId("cfp"), tenantId: input.tenantId, conferenceId: conference.id, callId: input.callId, ...attributes },
      update: attributes,
    });
    let startRecording: { recordingId: string; path: string } | null = null;
    if (input.recordingPath && conference.recordingId === null) {
      const recordingId = newSid("RE");
      await tx.recording.create({
        data: { id: recordingId, tenantId: input.tenantId, callId: input.callId, channels: 1, switchPath: input.recordingPath, status: "IN_PROGRESS", events: [{ status: "in_progress", at: new Date().toISOString() }] as never },
      });
      await tx.conference.update({ where: { id: conference.id }, data: { recordingId } });
      startRecording = { recordingId, path: input.recordingPath };
    }
    return { ok: true as const, conferenceId: conference.id, participantId: participant.id, startRecording };
  });
}

