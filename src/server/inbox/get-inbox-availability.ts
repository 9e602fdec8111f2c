import { db } from "@/server/db";
import { LOGGED_IN_STATES } from "@/server/agents/agent-states";
import { INBOX_ROLE } from "@/server/inbox/conversation-view";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * The signed-in member's availability for conversations: their agent's state (logged in = available; away or offline
 * until they say otherwise) and conversation capacity.
 */
export async function getInboxAvailability(actor: Actor): Promise<{ availability: "available" | "away"; capacity: number }> {
  assertRole(actor, INBOX_ROLE);
  const agent = actor.userId ? await db.agent.findUnique({ where: { tenantId_userId: { tenantId: actor.tenantId, userId: actor.userId } }, select: { state: true, conversationCapacity: true } }) : null;
  return { availability: agent && LOGGED_IN_STATES.includes(agent.state) ? "available" : "away", capacity: agent?.conversationCapacity ?? 3 };
}
