import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { CONFERENCE_READ_ROLE, CONFERENCE_VIEW_INCLUDE, toConferenceView, type ConferenceView } from "@/server/conferences/conference-view";
import { ZFindConferencesInput, type TFindConferencesInput } from "@/server/conferences/conferences.schemas";

/** A tenant's conferences, newest first, filtered (status, live, name, created/updated ranges), paged by cursor. */
export async function findConferences(actor: Actor, rawInput: TFindConferencesInput = {}): Promise<Page<ConferenceView>> {
  assertRole(actor, CONFERENCE_READ_ROLE);
  const input = ZFindConferencesInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.conference.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a conference of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const range = (gte?: Date, lt?: Date) => (gte || lt ? { ...(gte ? { gte } : {}), ...(lt ? { lt } : {}) } : undefined);
  const where: Prisma.ConferenceWhereInput = {
    tenantId: actor.tenantId,
    ...(input.status ? { status: input.status } : {}),
    ...(input.live ? { status: { in: ["INIT", "IN_PROGRESS"] } } : {}),
    ...(input.friendlyName ? { friendlyName: input.friendlyName } : {}),
    ...(range(input.createdAfter, input.createdBefore) ? { createdAt: range(input.createdAfter, input.createdBefore) } : {}),
    ...(range(input.updatedAfter, input.updatedBefore) ? { updatedAt: range(input.updatedAfter, input.updatedBefore) } : {}),
  };
  const rows = await db.conference.findMany({ where: after ? { AND: [where, olderThan(after)] } : where, orderBy: NEWEST_FIRST, take: input.limit + 1, include: CONFERENCE_VIEW_INCLUDE });
  const page = toPage(rows, input.limit);
  return { ...page, items: page.items.map(toConferenceView) };
}
