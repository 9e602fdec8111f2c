import type { Tx } from "@/server/db";
import { findAvailableAgents } from "@/server/inbox/find-available-agents";
import { recordConversationActivity } from "@/server/inbox/record-conversation-activity";

/**
 * Gives an unassigned conversation to the next available agent with spare capacity (of its team, when it has one);
 * leaves it unassigned when nobody is available. Returns the assignee.
 */
export async function assignConversationRoundRobin(tx: Tx, tenantId: string, conversationId: string, teamId: string | null): Promise<string | null> {
  const [userId] = await findAvailableAgents(tx, tenantId, { teamId });
  if (!userId) return null;
  await tx.conversation.update({ where: { id: conversationId }, data: { assigneeUserId: userId } });
  await tx.inboxAgentState.update({ where: { tenantId_userId: { tenantId, userId } }, data: { lastAssignedAt: new Date() } });
  await recordConversationActivity(tx, { tenantId, conversationId, actorUserId: null, kind: "assigned", detail: { userId, by: "round_robin" } });
  return userId;
}
