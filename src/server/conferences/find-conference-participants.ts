import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { ACTIVE_PARTICIPANT_STATUSES, CONFERENCE_READ_ROLE, toParticipantView, type ParticipantView } from "@/server/conferences/conference-view";
import { ZFindParticipantsInput, type TFindParticipantsInput } from "@/server/conferences/conferences.schemas";
import { loadTenantConference } from "@/server/conferences/get-conference";

/** A room's participants in the order they were added (filters: muted, hold, coaching), paged by cursor. */
export async function findConferenceParticipants(actor: Actor, rawInput: TFindParticipantsInput): Promise<Page<ParticipantView>> {
  assertRole(actor, CONFERENCE_READ_ROLE);
  const input = ZFindParticipantsInput.parse(rawInput);
  await loadTenantConference(db, actor.tenantId, input.conferenceId);
  const where: Prisma.ConferenceParticipantWhereInput = {
    tenantId: actor.tenantId,
    conferenceId: input.conferenceId,
    ...(input.muted !== undefined ? { muted: input.muted } : {}),
    ...(input.hold !== undefined ? { hold: input.hold } : {}),
    ...(input.coaching !== undefined ? { coaching: input.coaching } : {}),
    ...(input.includeCompleted ? {} : { status: { in: ACTIVE_PARTICIPANT_STATUSES } }),
    ...(input.cursor ? { id: { gt: input.cursor } } : {}),
  };
  const rows = await db.conferenceParticipant.findMany({ where, orderBy: { id: "asc" }, take: input.limit + 1 });
  const page = toPage(rows, input.limit);
  return { ...page, items: page.items.map(toParticipantView) };
}
