import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { CONFERENCE_WRITE_ROLE, toParticipantView, type ParticipantView } from "@/server/conferences/conference-view";
import { ZUpdateParticipantInput, type TUpdateParticipantInput } from "@/server/conferences/conferences.schemas";
import { loadTenantParticipant } from "@/server/conferences/get-conference-participant";
import { notifyConference } from "@/server/conferences/conference-notifications";
import { requestConferenceAction, type ConferenceAction } from "@/server/conferences/request-conference-action";

/**
 * Mutes, holds or makes a coach of a participant in the room. The row shows the change at once; the worker of the
 * room's switch carries it out (`conference <room> mute|unmute|hold|unhold <member>`, `relate` for coaching) and the
 * switch's mute/hold events send the callbacks. Coaching has no switch event: participant-modify is sent here.
 */
export async function updateConferenceParticipant(actor: Actor, rawInput: TUpdateParticipantInput): Promise<ParticipantView> {
  assertRole(actor, CONFERENCE_WRITE_ROLE);
  const input = ZUpdateParticipantInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    // The room first, then its participant: the order the worker's event processing locks them in
    // (apply-conference-event.ts), so a change through the API and the switch's events never deadlock.
    await tx.$queryRaw`SELECT id FROM "Conference" WHERE id = ${input.conferenceId} AND "tenantId" = ${actor.tenantId} FOR UPDATE`;
    const row = await loadTenantParticipant(tx, actor.tenantId, input.conferenceId, input.callId);
    if (row.status === "COMPLETED" || row.conference.status === "COMPLETED") throw new AppError("CONFLICT", "the participant has left the conference");
    if (input.callSidToCoach === input.callId) throw new AppError("VALIDATION_FAILED", "call_sid_to_coach: a participant cannot coach itself", { details: { fieldErrors: { callSidToCoach: ["is the participant itself"] } } });
    if (input.coaching && input.callSidToCoach) {
      const coached = await tx.conferenceParticipant.findFirst({ where: { conferenceId: input.conferenceId, callId: input.callSidToCoach, tenantId: actor.tenantId } });
      if (!coached) throw new AppError("VALIDATION_FAILED", "call_sid_to_coach: not a participant of this conference", { details: { fieldErrors: { callSidToCoach: ["not a participant of this conference"] } } });
    }
    const actions: { action: ConferenceAction; data?: Record<string, unknown> }[] = [];
    if (input.muted !== undefined && input.muted !== row.muted) actions.push({ action: input.muted ? "mute" : "unmute" });
    if (input.hold !== undefined && input.hold !== row.hold) actions.push({ action: input.hold ? "hold" : "unhold" });
    const coachingChanged = input.coaching !== undefined && (input.coaching !== row.coaching || (input.coaching && input.callSidToCoach !== row.callSidToCoach));
    if (coachingChanged) actions.push(input.coaching ? { action: "coach", data: { callSidToCoach: input.callSidToCoach } } : { action: "uncoach" });
    const updated = await tx.conferenceParticipant.update({
      where: { id: row.id },
      data: {
        ...(input.muted !== undefined ? { muted: input.muted } : {}),
        ...(input.hold !== undefined ? { hold: input.hold } : {}),
        ...(input.coaching !== undefined ? { coaching: input.coaching, callSidToCoach: input.coaching ? input.callSidToCoach : null } : {}),
      },
    });
    if (row.status === "CONNECTED" && row.conference.switchId) {
      for (const a of actions) await requestConferenceAction(tx, { tenantId: actor.tenantId, conferenceId: row.conferenceId, switchId: row.conference.switchId, callId: row.callId, ...a });
    }
    if (coachingChanged) await notifyConference(tx, { conference: row.conference, event: "participant-modify", participant: updated, at: new Date() });
    return toParticipantView(updated);
  });
}
