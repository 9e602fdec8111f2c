import type { Tx } from "@/server/db";
import { findAvailableAgents } from "@/server/inbox/find-available-agents";
import { recordConversationActivity } from "@/server/inbox/record-conversation-activity";

/**
 * Gives an unassigned conversation to the next available agent with spare capacity (of its team, when it has one);
 * leaves it unassigned when nobody is available. Returns the assignee.
 */
export async function assignConversationRoundRobin(tx: Tx, tenantId: string, conversationId: string, teamId: string | null): Promise<string | null> {
  const [next] = await findAvailableAgents(tx, tenantId, { teamId });
  if (!next) return null;
  await tx.conversation.update({ where: { id: conversationId }, data: { assigneeUserId: next.userId } });
  // The turn is the agent's, shared with the ACD's round-robin (lastOfferedAt).
  await tx.agent.update({ where: { id: next.agentId }, data: { lastOfferedAt: new Date() } });
  await recordConversationActivity(tx, { tenantId, conversationId, actorUserId: null, kind: "assigned", detail: { userId: next.userId, by: "round_robin" } });
  return next.userId;
}
