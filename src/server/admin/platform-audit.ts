// The platform's audit trail for staff: every tenant's entries and the platform's own (staff actions, second
// factors, flags), filtered by tenant, acting user (email), action (prefix) and time, newest first; paged for the
// viewer, and streamed whole (in pages of 1,000) for the CSV export.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { toAuditEntryViews } from "@/server/audit/find-audit-entries";
import { NEWEST_FIRST, olderThan, toPage, ZPageInput } from "@/server/shared/paging";

export const ZPlatformAuditFilter = z.object({
  tenantId: z.string().trim().max(64).optional(),
  /** Part of the acting user's email. */
  actor: z.string().trim().max(200).optional(),
  /** An action or its prefix: "tenant." finds every tenant action. */
  action: z.string().trim().max(100).optional(),
  from: z.coerce.date({ message: "a date" }).optional(),
  to: z.coerce.date({ message: "a date" }).optional(),
});
export type TPlatformAuditFilter = z.input<typeof ZPlatformAuditFilter>;
export const ZFindPlatformAuditInput = ZPageInput.extend(ZPlatformAuditFilter.shape);

async function whereOf(filter: z.output<typeof ZPlatformAuditFilter>): Promise<Prisma.AuditLogWhereInput> {
  const where: Prisma.AuditLogWhereInput = {};
  if (filter.tenantId) where.tenantId = filter.tenantId;
  if (filter.action) where.action = { startsWith: filter.action };
  if (filter.from || filter.to) where.createdAt = { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) };
  if (filter.actor) {
    const users = await db.user.findMany({ where: { email: { contains: filter.actor.toLowerCase() } }, select: { id: true }, take: 500 });
    const ids = users.map((u) => u.id);
    where.OR = [{ actorUserId: { in: ids } }, { impersonatorId: { in: ids } }];
  }
  return where;
}

export async function findPlatformAudit(input: z.input<typeof ZFindPlatformAuditInput>) {
  const q = ZFindPlatformAuditInput.parse(input);
  return fetchPage(q, q.cursor ?? null, q.limit);
}

async function fetchPage(filter: z.output<typeof ZPlatformAuditFilter>, cursor: string | null, limit: number) {
  const where = await whereOf(filter);
  const after = cursor ? await db.auditLog.findUnique({ where: { id: cursor }, select: { id: true, createdAt: true } }) : null;
  const rows = await db.auditLog.findMany({ where: after ? { AND: [where, olderThan(after)] } : where, orderBy: NEWEST_FIRST, take: limit + 1 });
  const page = toPage(rows, limit);
  const tenants = await db.tenant.findMany({ where: { id: { in: [...new Set(page.items.map((r) => r.tenantId).filter((t): t is string => Boolean(t)))] } }, select: { id: true, name: true } });
  const names = new Map(tenants.map((t) => [t.id, t.name]));
  return { ...page, items: (await toAuditEntryViews(page.items)).map((e) => ({ ...e, tenantName: e.tenantId ? (names.get(e.tenantId) ?? null) : null })) };
}

/** Every matching entry, newest first, a page at a time (the CSV export streams these). */
export async function* platformAuditPages(input: TPlatformAuditFilter, pageSize = 1_000) {
  const filter = ZPlatformAuditFilter.parse(input);
  let cursor: string | null = null;
  for (;;) {
    const page = await fetchPage(filter, cursor, pageSize);
    if (page.items.length) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
