import { db } from "@/server/db";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import type { ListItemView } from "@/server/contact-centre/contact-centre-view";
import type { TListKind } from "@/server/contact-centre/contact-centre.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * One of the tenant's lists, by name. Every agent reads them (the desktop's away reasons and disposition codes);
 * archived items are left out unless asked for (the settings page shows them).
 */
export async function findListItems(actor: Actor, kind: TListKind, opts: { includeArchived?: boolean } = {}): Promise<ListItemView[]> {
  assertRole(actor, AGENT_ROLE);
  const tenantId = actor.tenantId;
  const archived = opts.includeArchived ? undefined : false;
  if (kind === "skill") {
    const rows = await db.skill.findMany({ where: { tenantId }, select: { id: true, name: true, _count: { select: { agents: true, queues: true } } }, orderBy: { name: "asc" } });
    return rows.map((r) => ({ id: r.id, name: r.name, code: "", archived: false, usedBy: r._count.agents + r._count.queues }));
  }
  if (kind === "awayReason") {
    const rows = await db.awayReason.findMany({ where: { tenantId, archived }, orderBy: { name: "asc" } });
    const away = await db.agent.groupBy({ by: ["awayReasonId"], where: { tenantId, awayReasonId: { in: rows.map((r) => r.id) } }, _count: true });
    const count = new Map(away.map((a) => [a.awayReasonId, a._count]));
    return rows.map((r) => ({ id: r.id, name: r.name, code: "", archived: r.archived, usedBy: count.get(r.id) ?? 0 }));
  }
  const rows = await db.disposition.findMany({ where: { tenantId, archived }, orderBy: { code: "asc" } });
  const used = await db.callWrapUp.groupBy({ by: ["dispositionId"], where: { tenantId, dispositionId: { in: rows.map((r) => r.id) } }, _count: true });
  const count = new Map(used.map((u) => [u.dispositionId, u._count]));
  return rows.map((r) => ({ id: r.id, name: r.name, code: r.code, archived: r.archived, usedBy: count.get(r.id) ?? 0 }));
}
