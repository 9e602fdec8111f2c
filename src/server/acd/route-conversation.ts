// Conversations through the same router as calls (route-work.ts): a conversation on a channel one of the tenant's
// queues routes (CallQueue.conversationChannels) goes to an agent of that queue who is logged in (available, ringing,
// on a call or in wrap-up: conversations blend with calls) and below their conversation capacity, chosen by the
// queue's strategy and skills. Nobody free: it stays unassigned and waits; the worker's ACD loop routes waiting
// conversations again (routeWaitingConversations) as agents free up. Tenants with no such queue keep the inbox's
// round-robin (assign-new-conversation.ts decides).
import type { MessageChannel } from "@/generated/prisma/enums";
import { db, type Tx } from "@/server/db";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";
import { routeWork, type RoutingStrategy } from "@/server/acd/route-work";
import { notifyInboxChanged } from "@/server/inbox/notify-inbox-changed";
import { recordConversationActivity } from "@/server/inbox/record-conversation-activity";

export type RouteConversationResult = { kind: "no-queue" } | { kind: "waiting"; queueId: string } | { kind: "assigned"; queueId: string; userId: string };

interface CandidateRow {
  agentId: string;
  userId: string;
  conversationCapacity: number;
  idleSince: Date;
  lastOfferedAt: Date | null;
  skills: [string, number][] | null;
  open: number;
}

export async function routeConversation(tx: Tx, input: { tenantId: string; conversationId: string; channel: MessageChannel; createdAt: Date }): Promise<RouteConversationResult> {
  const channel = input.channel === "MMS" ? "sms" : input.channel.toLowerCase();
  const queue = await tx.callQueue.findFirst({
    where: { tenantId: input.tenantId, conversationChannels: { has: channel } },
    orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
    include: { skills: { select: { skillId: true, minLevel: true } } },
  });
  if (!queue) return { kind: "no-queue" };
  // The queue's logged-in agents, locked so two arrivals never both count the same spare slot (SKIP LOCKED: an agent
  // another arrival holds is simply not a candidate for this one).
  const agents = await tx.$queryRaw<CandidateRow[]>`
    SELECT a.id AS "agentId", a."userId", a."conversationCapacity", a."idleSince", a."lastOfferedAt",
      (SELECT json_agg(json_build_array(s."skillId", s.level)) FROM "AgentSkill" s WHERE s."agentId" = a.id) AS skills,
      (SELECT count(*)::int FROM "Conversation" c WHERE c."tenantId" = a."tenantId" AND c."assigneeUserId" = a."userId" AND c.status IN ('OPEN', 'PENDING')) AS open
    FROM "Agent" a JOIN "QueueAgent" qa ON qa."agentId" = a.id AND qa."queueId" = ${queue.id}
    WHERE a."tenantId" = ${input.tenantId} AND a.state IN ('AVAILABLE', 'RINGING', 'ON_CALL', 'WRAP_UP') AND a."conversationCapacity" > 0
    ORDER BY a.id
    FOR UPDATE OF a SKIP LOCKED`;
  const [assignment] = routeWork({
    queues: [{ id: queue.id, strategy: queue.strategy as RoutingStrategy, priority: queue.priority, requiredSkills: queue.skills, agingSeconds: queue.agingSeconds }],
    items: [{ id: input.conversationId, kind: "conversation", queueId: queue.id, priority: 0, enqueuedAtMs: input.createdAt.getTime(), excludedAgentIds: [] }],
    agents: agents.map((a) => ({
      id: a.agentId,
      queueIds: [queue.id],
      skills: Object.fromEntries(a.skills ?? []),
      capacity: { call: 0, conversation: a.conversationCapacity },
      load: { call: 0, conversation: a.open },
      idleSinceMs: a.idleSince.getTime(),
      lastOfferedMs: a.lastOfferedAt?.getTime() ?? 0,
    })),
    nowMs: Date.now(),
  });
  const agent = assignment ? agents.find((a) => a.agentId === assignment.agentIds[0]) : undefined;
  if (!assignment || !agent) return { kind: "waiting", queueId: queue.id };
  await tx.conversation.update({ where: { id: input.conversationId }, data: { assigneeUserId: agent.userId } });
  await tx.agent.update({ where: { id: agent.agentId }, data: { lastOfferedAt: new Date() } });
  await recordConversationActivity(tx, { tenantId: input.tenantId, conversationId: input.conversationId, actorUserId: null, kind: "assigned", detail: { userId: agent.userId, by: "acd", queueId: queue.id } });
  await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: queue.id, itemKind: "conversation", itemId: input.conversationId, agentId: agent.agentId, outcome: "assigned", reason: assignment.reason });
  return { kind: "assigned", queueId: queue.id, userId: agent.userId };
}

/**
 * Open conversations nobody has yet, on channels a queue routes, oldest first: each is routed again (the worker's ACD
 * loop calls this). Rows another process is routing are skipped (SKIP LOCKED). Returns how many were assigned.
 */
export async function routeWaitingConversations(input: { tenantIds?: string[]; limit?: number } = {}): Promise<number> {
  return db.$transaction(async (tx) => {
    const waiting = await tx.$queryRaw<{ id: string; tenantId: string; channel: MessageChannel; createdAt: Date }[]>`
      SELECT c.id, c."tenantId", c.channel, c."createdAt" FROM "Conversation" c
      WHERE c.status = 'OPEN' AND c."assigneeUserId" IS NULL
        AND (${input.tenantIds ?? null}::text[] IS NULL OR c."tenantId" = ANY(${input.tenantIds ?? null}::text[]))
        AND EXISTS (SELECT 1 FROM "CallQueue" q WHERE q."tenantId" = c."tenantId"
                    AND (lower(c.channel::text) = ANY(q."conversationChannels") OR (c.channel = 'MMS' AND 'sms' = ANY(q."conversationChannels"))))
      ORDER BY c."createdAt" LIMIT ${input.limit ?? 200}
      FOR UPDATE OF c SKIP LOCKED`;
    let assigned = 0;
    for (const conversation of waiting) {
      const routed = await routeConversation(tx, { tenantId: conversation.tenantId, conversationId: conversation.id, channel: conversation.channel, createdAt: conversation.createdAt });
      if (routed.kind !== "assigned") continue;
      assigned++;
      await notifyInboxChanged(tx, { tenantId: conversation.tenantId, conversationId: conversation.id, kind: "updated" });
    }
    return assigned;
  });
}
