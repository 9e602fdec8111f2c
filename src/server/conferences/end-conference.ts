import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { CONFERENCE_VIEW_INCLUDE, CONFERENCE_WRITE_ROLE, toConferenceView, type ConferenceView } from "@/server/conferences/conference-view";
import { ZConferenceIdInput, type TConferenceIdInput } from "@/server/conferences/conferences.schemas";
import { loadTenantConference } from "@/server/conferences/get-conference";
import { notifyConference } from "@/server/conferences/conference-notifications";
import { requestConferenceAction } from "@/server/conferences/request-conference-action";

/**
 * Ends a room (Twilio's `Status=completed`): the worker of its switch hangs every member up, and the switch's
 * conference-destroy completes it with reason conference-ended-via-api. A room nobody has joined yet (started by an
 * API participant still ringing) completes at once. An ended room is returned as it is.
 */
export async function endConference(actor: Actor, input: TConferenceIdInput): Promise<ConferenceView> {
  assertRole(actor, CONFERENCE_WRITE_ROLE);
  const { conferenceId } = ZConferenceIdInput.parse(input);
  return db.$transaction(async (tx) => {
    await loadTenantConference(tx, actor.tenantId, conferenceId);
    await tx.$queryRaw`SELECT id FROM "Conference" WHERE id = ${conferenceId} FOR UPDATE`;
    const row = await loadTenantConference(tx, actor.tenantId, conferenceId);
    if (row.status === "COMPLETED") return toConferenceView(row);
    const connected = await tx.conferenceParticipant.count({ where: { conferenceId, status: "CONNECTED" } });
    if (!row.switchId || connected === 0) {
      const now = new Date();
      const ended = await tx.conference.update({ where: { id: conferenceId }, data: { status: "COMPLETED", endedAt: now, reasonEnded: "conference-ended-via-api" }, include: CONFERENCE_VIEW_INCLUDE });
      await notifyConference(tx, { conference: ended, event: "conference-end", at: now });
      return toConferenceView(ended);
    }
    const marked = await tx.conference.update({ where: { id: conferenceId }, data: { reasonEnded: "conference-ended-via-api", callSidEndingConference: null }, include: CONFERENCE_VIEW_INCLUDE });
    await requestConferenceAction(tx, { tenantId: actor.tenantId, conferenceId, switchId: row.switchId, callId: null, action: "end" });
    return toConferenceView(marked);
  });
}
