import { db, type Tx } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { CONFERENCE_READ_ROLE, CONFERENCE_VIEW_INCLUDE, toConferenceView, type ConferenceView } from "@/server/conferences/conference-view";
import { ZConferenceIdInput, type TConferenceIdInput } from "@/server/conferences/conferences.schemas";

/** The tenant's conference, or NOT_FOUND (another tenant's reads the same as none). */
export async function loadTenantConference(client: Tx | typeof db, tenantId: string, conferenceId: string) {
  const row = await client.conference.findFirst({ where: { id: conferenceId, tenantId }, include: CONFERENCE_VIEW_INCLUDE });
  if (!row) throw notFound("conference");
  return row;
}

export async function getConference(actor: Actor, input: TConferenceIdInput): Promise<ConferenceView> {
  assertRole(actor, CONFERENCE_READ_ROLE);
  const { conferenceId } = ZConferenceIdInput.parse(input);
  return toConferenceView(await loadTenantConference(db, actor.tenantId, conferenceId));
}
