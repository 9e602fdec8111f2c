import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { MESSAGE_READ_ROLE } from "@/server/messages/messages.schemas";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";

export interface SuppressionView {
  id: string;
  address: string;
  source: string;
  keyword: string | null;
  note: string;
  createdAt: Date;
}

/** The tenant's opt-out list, newest first. */
export async function findSuppressions(actor: Actor, input: { cursor?: string | null; limit?: number; address?: string } = {}): Promise<Page<SuppressionView>> {
  assertRole(actor, MESSAGE_READ_ROLE);
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 100);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.messagingSuppression.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { id: true, createdAt: true } });
    if (!after) throw new AppError("BAD_REQUEST", "cursor does not name a suppression of this account", { details: [{ field: "cursor", message: "unknown cursor" }] });
  }
  const where = { tenantId: actor.tenantId, ...(input.address ? { address: { contains: input.address } } : {}) };
  const rows = await db.messagingSuppression.findMany({
    where: after ? { AND: [where, olderThan(after)] } : where,
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: { id: true, address: true, source: true, keyword: true, note: true, createdAt: true },
  });
  return toPage(rows, limit);
}
