import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { newId, newSid } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { createCall } from "@/server/calls/create-call";
import type { CallApiSurface } from "@/server/calls/call-view";
import { CONFERENCE_WRITE_ROLE, toConferenceView, toParticipantView, type ConferenceView, type ParticipantView } from "@/server/conferences/conference-view";
import { ZAddParticipantInput, type TAddParticipantInput } from "@/server/conferences/conferences.schemas";
import { lockOpenConference } from "@/server/conferences/join-conference";

/**
 * Adds a participant by dialling out (Twilio's Participants create): an outbound call whose document is the
 * <Dial><Conference> of the room, so its answer joins the room like any caller. `conference` is a conference id,
 * or a room name that starts the room (status init) when none of that name is open. The participant is queued
 * until the call is answered and joins.
 */
export async function addConferenceParticipant(
  actor: Actor,
  rawInput: TAddParticipantInput,
  opts: { surface: CallApiSurface },
): Promise<{ conference: ConferenceView; participant: ParticipantView }> {
  assertRole(actor, CONFERENCE_WRITE_ROLE);
  const input = ZAddParticipantInput.parse(rawInput);
  let friendlyName = input.conference;
  if (/^CF[0-9a-f]{32}$/.test(input.conference)) {
    const existing = await db.conference.findFirst({ where: { id: input.conference, tenantId: actor.tenantId } });
    if (!existing) throw new AppError("NOT_FOUND", "conference not found");
    if (existing.status === "COMPLETED") throw new AppError("CONFLICT", "the conference has ended");
    friendlyName = existing.friendlyName;
  }
  if (input.coaching && !input.callSidToCoach) throw new AppError("VALIDATION_FAILED", "call_sid_to_coach: coaching needs the call to coach", { details: { fieldErrors: { callSidToCoach: ["required when coaching"] } } });
  const noun = {
    conference: friendlyName,
    muted: input.muted,
    beep: input.beep,
    startConferenceOnEnter: input.startConferenceOnEnter,
    endConferenceOnExit: input.endConferenceOnExit,
    record: input.record ? ("record-from-start" as const) : ("do-not-record" as const),
    ...(input.label ? { participantLabel: input.label } : {}),
    ...(input.coaching && input.callSidToCoach ? { coach: input.callSidToCoach } : {}),
    ...(input.maxParticipants ? { maxParticipants: input.maxParticipants } : {}),
    ...(input.waitUrl ? { waitUrl: input.waitUrl } : {}),
    ...(input.conferenceStatusCallback
      ? { statusCallback: input.conferenceStatusCallback, statusCallbackMethod: input.conferenceStatusCallbackMethod, ...(input.conferenceStatusCallbackEvent ? { statusCallbackEvent: input.conferenceStatusCallbackEvent } : {}) }
      : {}),
  };
  const call = await createCall(
    actor,
    {
      to: input.to,
      from: input.from,
      instructions: [{ dial: [noun] }] as never,
      timeout: input.timeout,
      ...(input.statusCallback ? { statusCallback: input.statusCallback, statusCallbackMethod: input.statusCallbackMethod } : {}),
    },
    { surface: opts.surface },
  );
  return db.$transaction(async (tx) => {
    let conference = await lockOpenConference(tx, actor.tenantId, friendlyName);
    conference ??= await tx.conference.create({ data: { id: newSid("CF"), tenantId: actor.tenantId, friendlyName, room: "", maxParticipants: input.maxParticipants ?? 250 } });
    const participant = await tx.conferenceParticipant.create({
      data: {
        id: newId("cfp"),
        tenantId: actor.tenantId,
        conferenceId: conference.id,
        callId: call.id,
        label: input.label ?? null,
        status: "QUEUED",
        muted: input.muted,
        coaching: input.coaching,
        callSidToCoach: input.coaching ? (input.callSidToCoach ?? null) : null,
        startConferenceOnEnter: input.startConferenceOnEnter,
        endConferenceOnExit: input.endConferenceOnExit,
      },
    });
    return { conference: toConferenceView(conference), participant: toParticipantView(participant) };
  });
}
