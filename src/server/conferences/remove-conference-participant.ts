import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { CONFERENCE_WRITE_ROLE, toParticipantView, type ParticipantView } from "@/server/conferences/conference-view";
import { ZParticipantIdInput, type TParticipantIdInput } from "@/server/conferences/conferences.schemas";
import { loadTenantParticipant } from "@/server/conferences/get-conference-participant";
import { requestConferenceAction } from "@/server/conferences/request-conference-action";
import { updateCall } from "@/server/calls/update-call";

/**
 * Removes a participant (Twilio's DELETE): one in the room is kicked by the worker of its switch (`conference <room>
 * kick <member>`): their call leaves the room and goes on with its document after the <Dial>. One still being
 * dialled has its call canceled. Someone who already left is returned as they are.
 */
export async function removeConferenceParticipant(actor: Actor, input: TParticipantIdInput): Promise<ParticipantView> {
  assertRole(actor, CONFERENCE_WRITE_ROLE);
  const { conferenceId, callId } = ZParticipantIdInput.parse(input);
  const row = await loadTenantParticipant(db, actor.tenantId, conferenceId, callId);
  if (row.status === "COMPLETED") return toParticipantView(row);
  if (row.status !== "CONNECTED" || !row.conference.switchId) {
    await updateCall(actor, { callId, status: "canceled" });
    const left = await db.conferenceParticipant.update({ where: { id: row.id }, data: { status: "COMPLETED", leftAt: new Date() } });
    return toParticipantView(left);
  }
  await db.$transaction((tx) => requestConferenceAction(tx, { tenantId: actor.tenantId, conferenceId, switchId: row.conference.switchId!, callId, action: "kick" }));
  return toParticipantView(row);
}
