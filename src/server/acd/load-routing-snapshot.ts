// What the router decides on, read in a few statements for every tenant at once: the callers waiting (and not yet
// offered) among the calls a worker holds, the callbacks due (callers who pressed 1 keep their place: their first
// enqueue time), their queues, and the agents who could take them now. An agent takes calls
// only while available with a registered softphone line; the router itself never touches the database
// (route-work.ts).
import { db } from "@/server/db";
import type { RouterAgent, RouterQueue, RoutingStrategy, WaitingItem } from "@/server/acd/route-work";

export interface TenantRoutingSnapshot {
  tenantId: string;
  queues: RouterQueue[];
  items: WaitingItem[];
  agents: RouterAgent[];
}

interface MemberRow {
  callId: string;
  tenantId: string;
  queueId: string;
  priority: number;
  enqueuedAt: Date;
  excludedAgentIds: string[];
  targetAgentId: string | null;
}

/** Callback ids are "qcb_…": the router's items of both kinds share one id space. */
export const isCallbackItem = (itemId: string) => itemId.startsWith("qcb_");

export async function loadRoutingSnapshot(input: { callIds: string[]; callbacks?: { tenantIds?: string[] } }): Promise<TenantRoutingSnapshot[]> {
  if (input.callIds.length === 0 && !input.callbacks) return [];
  const [waiting, callbacks] = await Promise.all([
    input.callIds.length === 0
      ? Promise.resolve([] as MemberRow[])
      : db.$queryRaw<MemberRow[]>`
          SELECT m."callId", m."tenantId", m."queueId", m.priority, m."enqueuedAt", m."excludedAgentIds", m."targetAgentId"
          FROM "QueueMember" m WHERE m."callId" = ANY(${input.callIds}::text[]) AND m."offeredAgentId" IS NULL`,
    input.callbacks
      ? db.$queryRaw<MemberRow[]>`
          SELECT c.id AS "callId", c."tenantId", c."queueId", c.priority, c."enqueuedAt", c."excludedAgentIds", NULL::text AS "targetAgentId"
          FROM "QueueCallback" c WHERE c.status = 'pending' AND c."nextAttemptAt" <= now()
            AND (${input.callbacks.tenantIds ?? null}::text[] IS NULL OR c."tenantId" = ANY(${input.callbacks.tenantIds ?? null}::text[]))
          ORDER BY c."enqueuedAt" LIMIT 2000`
      : Promise.resolve([] as MemberRow[]),
  ]);
  const members = [...waiting, ...callbacks];
  if (members.length === 0) return [];
  const tenantIds = [...new Set(members.map((m) => m.tenantId))];
  const queueIds = [...new Set(members.map((m) => m.queueId))];
  const [queues, skills, agents] = await Promise.all([
    db.callQueue.findMany({ where: { id: { in: queueIds } }, select: { id: true, tenantId: true, strategy: true, priority: true, agingSeconds: true } }),
    db.queueSkill.findMany({ where: { queueId: { in: queueIds } }, select: { queueId: true, skillId: true, minLevel: true } }),
    db.$queryRaw<{ id: string; tenantId: string; callCapacity: number; idleSince: Date; lastOfferedAt: Date | null; queueIds: string[]; skills: [string, number][] | null }[]>`
      SELECT a.id, a."tenantId", a."callCapacity", a."idleSince", a."lastOfferedAt",
        COALESCE((SELECT array_agg(qa."queueId") FROM "QueueAgent" qa WHERE qa."agentId" = a.id), '{}') AS "queueIds",
        (SELECT json_agg(json_build_array(s."skillId", s.level)) FROM "AgentSkill" s WHERE s."agentId" = a.id) AS skills
      FROM "Agent" a
      WHERE a."tenantId" = ANY(${tenantIds}::text[]) AND a.state = 'AVAILABLE' AND a.registered AND a."callCapacity" > 0
        AND EXISTS (SELECT 1 FROM "SipUser" s WHERE s."tenantId" = a."tenantId" AND s."userId" = a."userId" AND s.enabled)`,
  ]);
  const skillsOf = new Map<string, { skillId: string; minLevel: number }[]>();
  for (const s of skills) skillsOf.set(s.queueId, [...(skillsOf.get(s.queueId) ?? []), { skillId: s.skillId, minLevel: s.minLevel }]);
  return tenantIds.map((tenantId) => ({
    tenantId,
    queues: queues
      .filter((q) => q.tenantId === tenantId)
      .map((q) => ({ id: q.id, strategy: q.strategy as RoutingStrategy, priority: q.priority, requiredSkills: skillsOf.get(q.id) ?? [], agingSeconds: q.agingSeconds })),
    items: members
      .filter((m) => m.tenantId === tenantId)
      .map((m) => ({ id: m.callId, kind: "call" as const, queueId: m.queueId, priority: m.priority, enqueuedAtMs: m.enqueuedAt.getTime(), excludedAgentIds: m.excludedAgentIds, targetAgentId: m.targetAgentId, ...(isCallbackItem(m.callId) ? { oneAgent: true } : {}) })),
    agents: agents
      .filter((a) => a.tenantId === tenantId)
      .map((a) => ({
        id: a.id,
        queueIds: a.queueIds,
        skills: Object.fromEntries(a.skills ?? []),
        capacity: { call: a.callCapacity, conversation: 0 },
        load: { call: 0, conversation: 0 },
        idleSinceMs: a.idleSince.getTime(),
        lastOfferedMs: a.lastOfferedAt?.getTime() ?? 0,
      })),
  }));
}
