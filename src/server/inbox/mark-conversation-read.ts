import { db } from "@/server/db";
import { INBOX_ROLE, loadConversation } from "@/server/inbox/conversation-view";
import { ZConversationIdInput, type TConversationIdInput } from "@/server/inbox/inbox.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** An agent opened the thread: its inbound messages are no longer unread. */
export async function markConversationRead(actor: Actor, rawInput: TConversationIdInput): Promise<{ unreadCount: number }> {
  assertRole(actor, INBOX_ROLE);
  const { conversationId } = ZConversationIdInput.parse(rawInput);
  await loadConversation(db, actor.tenantId, conversationId);
  await db.conversation.updateMany({ where: { id: conversationId, tenantId: actor.tenantId }, data: { unreadCount: 0 } });
  return { unreadCount: 0 };
}
