import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { changeMyAgentState } from "@/server/agents/change-my-agent-state";
import { ensureAgent } from "@/server/agents/ensure-agent";
import { INBOX_ROLE } from "@/server/inbox/conversation-view";
import { ZSetInboxAvailabilityInput, type TSetInboxAvailabilityInput } from "@/server/inbox/inbox.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * The signed-in member goes available or away from the inbox: the same agent state the desktop's status sets (one
 * presence for calls and conversations), and optionally how many conversations they take at once.
 */
export async function setInboxAvailability(actor: Actor, rawInput: TSetInboxAvailabilityInput): Promise<{ availability: "available" | "away"; capacity: number }> {
  assertRole(actor, INBOX_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member has an inbox availability");
  const input = ZSetInboxAvailabilityInput.parse(rawInput);
  const { id } = await ensureAgent(db, actor.tenantId, actor.userId);
  if (input.capacity) await db.agent.update({ where: { id }, data: { conversationCapacity: input.capacity } });
  await changeMyAgentState(actor, { state: input.availability });
  const agent = await db.agent.findUniqueOrThrow({ where: { id }, select: { conversationCapacity: true } });
  return { availability: input.availability, capacity: agent.conversationCapacity };
}
