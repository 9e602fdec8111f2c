import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { CALL_READ_ROLE, CALL_VIEW_INCLUDE, toCallView, type CallView } from "@/server/calls/call-view";
import { ZFindCallsInput, type TFindCallsInput } from "@/server/calls/calls.schemas";

/** A tenant's calls, newest first, filtered, paged by cursor (the id of the last call seen). */
export async function findCalls(actor: Actor, rawInput: TFindCallsInput = {}): Promise<Page<CallView>> {
  assertRole(actor, CALL_READ_ROLE);
  const input = ZFindCallsInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.call.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a call of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const where: Prisma.CallWhereInput = {
    tenantId: actor.tenantId,
    ...(input.status ? { status: input.status } : {}),
    ...(input.statusIn ? { AND: [{ status: { in: input.statusIn } }] } : {}),
    ...(input.direction ? { direction: input.direction } : {}),
    ...(input.number ? { OR: [{ from: input.number }, { to: input.number }] } : {}),
    ...(input.to ? { to: input.to } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.parentCallId ? { parentCallId: input.parentCallId } : {}),
    ...(input.startedAfter || input.startedBefore ? { createdAt: { ...(input.startedAfter ? { gte: input.startedAfter } : {}), ...(input.startedBefore ? { lt: input.startedBefore } : {}) } } : {}),
    ...(input.endedAfter || input.endedBefore ? { endedAt: { ...(input.endedAfter ? { gte: input.endedAfter } : {}), ...(input.endedBefore ? { lt: input.endedBefore } : {}) } } : {}),
  };
  const rows = await db.call.findMany({
    where: after ? { AND: [where, olderThan(after)] } : where,
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
    include: CALL_VIEW_INCLUDE,
  });
  const page = toPage(rows, input.limit);
  return { ...page, items: page.items.map(toCallView) };
}
