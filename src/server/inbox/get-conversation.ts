import { db } from "@/server/db";
import { INBOX_ROLE, loadConversation, type ConversationView } from "@/server/inbox/conversation-view";
import { ZConversationIdInput, type TConversationIdInput } from "@/server/inbox/inbox.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

export async function getConversation(actor: Actor, rawInput: TConversationIdInput): Promise<ConversationView> {
  assertRole(actor, INBOX_ROLE);
  const { conversationId } = ZConversationIdInput.parse(rawInput);
  return loadConversation(db, actor.tenantId, conversationId);
}
