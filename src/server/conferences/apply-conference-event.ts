// The switch's conference::maintenance events → rows, callbacks and webhooks (worker/conference-events.ts calls
// this). mod_conference is the truth about who is in a room:
//   add-member → participant connected (member id kept); the room starts when a member with
//                startConferenceOnEnter is in it (conference-start)
//   del-member → participant completed (participant-leave); a member with endConferenceOnExit leaving names the
//                reason the room ends (the switch ends it: the member's `endconf` flag)
//   mute-member / unmute-member, hold-member / unhold-member → the participant's flags and their callbacks
//   start-talking / stop-talking → participant-speech-start/-stop callbacks (no row changes)
//   kick-member → the next del-member is a kick (last-participant-kicked)
//   conference-destroy → the room completed (conference-end), members still in it completed
// Events of rooms this platform does not know (no open Conference with that switch room name) change nothing.
import type { Conference, ConferenceParticipant } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import { consultMemberJoined, consultMemberLeft } from "@/server/agents/consult-room-events";
import { notifyConference, type ConferenceCallbackEvent } from "@/server/conferences/conference-notifications";

export interface ConferenceEventInput {
  switchId: string;
  /** mod_conference's Conference-Name: the switch's room name. */
  room: string;
  action: string;
  /** The member's channel (Unique-ID); null for room events. */
  channelUuid: string | null;
  memberId: number | null;
  /** The member's Speak and Hold headers (add-member: a member joining with the `mute` flag has Speak=false). */
  speak?: boolean | null;
  hold?: boolean | null;
  at: Date;
}

export interface ConferenceEventResult {
  conferenceId: string | null;
  /** The members in the room after an add-member (the worker relates coaches to them). */
  members?: { callId: string; memberId: number; coaching: boolean; callSidToCoach: string | null }[];
  /** After an add-member: whether the room still waits for a member with startConferenceOnEnter (its music plays). */
  waiting?: boolean;
  /** After an add-member: hold the member at once (a consultation's customer; consult-room-events.ts). */
  hold?: boolean;
  /** After an add-member: the room's record-from-start recording, for the worker to start if it has not. */
  recording?: { recordingId: string; switchPath: string } | null;
  /** The room's recording, when the room ended (the worker ingests the switch's file). */
  endedRecording?: { recordingId: string; switchPath: string | null } | null;
}

const FLAG_EVENTS: Record<string, { data: Partial<Pick<ConferenceParticipant, "muted" | "hold">>; event: ConferenceCallbackEvent }> = {
  "mute-member": { data: { muted: true }, event: "participant-mute" },
  "unmute-member": { data: { muted: false }, event: "participant-unmute" },
  "hold-member": { data: { hold: true }, event: "participant-hold" },
  "unhold-member": { data: { hold: false }, event: "participant-unhold" },
};

export async function applyConferenceEvent(input: ConferenceEventInput): Promise<ConferenceEventResult> {
  // Talking comes and goes all the time in a live room and changes no row: one read decides whether anyone listens.
  if (input.action === "start-talking" || input.action === "stop-talking") {
    const listening = await db.conference.findFirst({
      where: { room: input.room, status: { not: "COMPLETED" }, statusCallbackUrl: { not: null }, statusCallbackEvents: { has: "speaker" } },
      select: { id: true },
    });
    if (!listening) return { conferenceId: null };
  }
  return db.$transaction(async (tx) => {
    const found = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Conference" WHERE room = ${input.room} AND status <> 'COMPLETED' AND ("switchId" = ${input.switchId} OR "switchId" IS NULL)
      ORDER BY "createdAt" DESC LIMIT 1 FOR UPDATE`;
    if (found.length === 0) return { conferenceId: null };
    const conference = await tx.conference.findUniqueOrThrow({ where: { id: found[0]!.id } });
    if (input.action === "conference-destroy") return endConference(tx, conference, input.at);
    if (!input.channelUuid) return { conferenceId: conference.id };
    const participant = await tx.conferenceParticipant.findFirst({ where: { conferenceId: conference.id, call: { channelUuid: input.channelUuid } } });
    if (!participant) return { conferenceId: conference.id };
    const notify = (event: ConferenceCallbackEvent, p: ConferenceParticipant, c: Conference = conference) => notifyConference(tx, { conference: c, event, participant: p, at: input.at });

    switch (input.action) {
      case "add-member": {
        if (participant.status === "CONNECTED" && participant.memberId === input.memberId) return { conferenceId: conference.id };
        const joined = await tx.conferenceParticipant.update({
          where: { id: participant.id },
          data: {
            status: "CONNECTED",
            memberId: input.memberId,
            joinedAt: input.at,
            leftAt: null,
            ...(typeof input.speak === "boolean" ? { muted: !input.speak } : {}),
            ...(typeof input.hold === "boolean" ? { hold: input.hold } : {}),
          },
        });
        await notify("participant-join", joined);
        const waiting = conference.status === "INIT" && !joined.startConferenceOnEnter;
        if (conference.status === "INIT" && joined.startConferenceOnEnter) {
          const started = await tx.conference.update({ where: { id: conference.id }, data: { status: "IN_PROGRESS", startedAt: input.at } });
          await notifyConference(tx, { conference: started, event: "conference-start", at: input.at });
        }
        const members = await tx.conferenceParticipant.findMany({ where: { conferenceId: conference.id, status: "CONNECTED", memberId: { not: null } }, select: { callId: true, memberId: true, coaching: true, callSidToCoach: true } });
        const recording = conference.recordingId ? await tx.recording.findFirst({ where: { id: conference.recordingId, status: "IN_PROGRESS" }, select: { id: true, switchPath: true } }) : null;
        const consult = await consultMemberJoined(tx, conference, participant.callId);
        return {
          conferenceId: conference.id,
          hold: consult.hold,
          waiting,
          members: members.map((m) => ({ ...m, memberId: m.memberId! })),
          recording: recording?.switchPath ? { recordingId: recording.id, switchPath: recording.switchPath } : null,
        };
      }
      case "kick-member":
        await tx.conferenceParticipant.update({ where: { id: participant.id }, data: { leftAt: input.at } });
        return { conferenceId: conference.id };
      case "del-member": {
        if (participant.status === "COMPLETED") return { conferenceId: conference.id };
        const kicked = participant.leftAt !== null && participant.status === "CONNECTED";
        const left = await tx.conferenceParticipant.update({ where: { id: participant.id }, data: { status: "COMPLETED", memberId: null, leftAt: input.at } });
        let room = conference;
        if (left.endConferenceOnExit && !conference.reasonEnded) {
          room = await tx.conference.update({ where: { id: conference.id }, data: { reasonEnded: "participant-with-end-conference-on-exit-left", callSidEndingConference: left.callId } });
        } else if (!conference.reasonEnded) {
          const remaining = await tx.conferenceParticipant.count({ where: { conferenceId: conference.id, status: "CONNECTED" } });
          if (remaining === 0) room = await tx.conference.update({ where: { id: conference.id }, data: { reasonEnded: kicked ? "last-participant-kicked" : "last-participant-left", callSidEndingConference: left.callId } });
        }
        await notify("participant-leave", left, room);
        await consultMemberLeft(tx, room, left.callId, input.at);
        return { conferenceId: conference.id };
      }
      case "start-talking":
      case "stop-talking":
        await notify(input.action === "start-talking" ? "participant-speech-start" : "participant-speech-stop", participant);
        return { conferenceId: conference.id };
      default: {
        const flag = FLAG_EVENTS[input.action];
        if (!flag) return { conferenceId: conference.id };
        // The member's other flags as the switch reports them with this event (Speak, Hold): the callback tells the
        // state at the event, not a change the API asked for since.
        const reported = { ...(typeof input.speak === "boolean" ? { muted: !input.speak } : {}), ...(typeof input.hold === "boolean" ? { hold: input.hold } : {}) };
        const changed = await tx.conferenceParticipant.update({ where: { id: participant.id }, data: { ...reported, ...flag.data } });
        await notify(flag.event, changed);
        return { conferenceId: conference.id };
      }
    }
  });
}

async function endConference(tx: Tx, conference: Conference, at: Date): Promise<ConferenceEventResult> {
  await tx.conferenceParticipant.updateMany({ where: { conferenceId: conference.id, status: { not: "COMPLETED" }, memberId: { not: null } }, data: { status: "COMPLETED", memberId: null, leftAt: at } });
  const ended = await tx.conference.update({
    where: { id: conference.id },
    data: { status: "COMPLETED", endedAt: at, reasonEnded: conference.reasonEnded ?? "last-participant-left" },
  });
  await notifyConference(tx, { conference: ended, event: "conference-end", at });
  const recording = conference.recordingId ? await tx.recording.findUnique({ where: { id: conference.recordingId }, select: { id: true, switchPath: true } }) : null;
  return { conferenceId: conference.id, endedRecording: recording ? { recordingId: recording.id, switchPath: recording.switchPath } : null };
}
