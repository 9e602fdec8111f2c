import { db, type Tx } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { CONFERENCE_READ_ROLE, toParticipantView, type ParticipantView } from "@/server/conferences/conference-view";
import { ZParticipantIdInput, type TParticipantIdInput } from "@/server/conferences/conferences.schemas";

/** A participant (by its call) of the tenant's conference, or NOT_FOUND. */
export async function loadTenantParticipant(client: Tx | typeof db, tenantId: string, conferenceId: string, callId: string) {
  const row = await client.conferenceParticipant.findFirst({ where: { tenantId, conferenceId, callId }, include: { conference: true } });
  if (!row) throw notFound("participant");
  return row;
}

export async function getConferenceParticipant(actor: Actor, input: TParticipantIdInput): Promise<ParticipantView> {
  assertRole(actor, CONFERENCE_READ_ROLE);
  const { conferenceId, callId } = ZParticipantIdInput.parse(input);
  return toParticipantView(await loadTenantParticipant(db, actor.tenantId, conferenceId, callId));
}
