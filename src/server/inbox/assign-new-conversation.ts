// Who gets a conversation that arrives (or reopens) unassigned: the ACD when one of the tenant's queues routes its
// channel (src/server/acd/route-conversation.ts), else the inbox's round-robin among available members.
import type { MessageChannel } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";
import { routeConversation } from "@/server/acd/route-conversation";
import { assignConversationRoundRobin } from "@/server/inbox/assign-conversation-round-robin";

export async function assignNewConversation(tx: Tx, input: { tenantId: string; conversationId: string; channel: MessageChannel; teamId: string | null; createdAt: Date }): Promise<string | null> {
  const routed = await routeConversation(tx, input);
  if (routed.kind === "assigned") return routed.userId;
  if (routed.kind === "waiting") return null;
  return assignConversationRoundRobin(tx, input.tenantId, input.conversationId, input.teamId);
}
