import type { AuditLog } from "@/generated/prisma/client";
import { db } from "@/server/db";
import type { TFindAuditEntriesInput } from "@/server/audit/audit.schemas";
import { NEWEST_FIRST, olderThan, toPage } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * The tenant's audit trail, newest first, in the (tenantId, createdAt) index's order. The cursor is the last
 * entry's id; a cursor that names no entry of this tenant starts from the newest.
 */
export async function findAuditEntries(actor: Actor, input: TFindAuditEntriesInput) {
  assertRole(actor, { minRole: "ADMIN" });
  const after = input.cursor
    ? await db.auditLog.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { id: true, createdAt: true } })
    : null;
  const rows = await db.auditLog.findMany({
    where: { tenantId: actor.tenantId, ...(after ? olderThan(after) : {}) },
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
  });
  const page = toPage(rows, input.limit);
  return { ...page, items: await toAuditEntryViews(page.items) };
}

/** Audit rows as readers see them: the acting user and any impersonator by name and email. */
export async function toAuditEntryViews(rows: AuditLog[]) {
  const userIds = [...new Set(rows.flatMap((r) => [r.actorUserId, r.impersonatorId]).filter((id): id is string => Boolean(id)))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenantId,
    createdAt: r.createdAt,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    before: r.before,
    after: r.after,
    ip: r.ip,
    actor: r.actorUserId ? (byId.get(r.actorUserId) ?? { id: r.actorUserId, name: "Deleted user", email: "" }) : null,
    actorApiKeyId: r.actorApiKeyId,
    impersonator: r.impersonatorId ? (byId.get(r.impersonatorId) ?? null) : null,
  }));
}
