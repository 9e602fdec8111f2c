import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createEmailMessage } from "@/server/messages/create-email-message";
import { createMessage } from "@/server/messages/create-message";
import type { MessageView } from "@/server/messages/message-view";
import { INBOX_ROLE, loadConversation } from "@/server/inbox/conversation-view";
import { ZReplyToConversationInput, type TReplyToConversationInput } from "@/server/inbox/inbox.schemas";
import { notifyInboxChanged } from "@/server/inbox/notify-inbox-changed";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * An agent's reply: queued through createMessage like any outbound message (the sender delivers it, with its
 * retries, credit and opt-out rules), linked to the conversation, from the endpoint the contact wrote to. The
 * first reply is the conversation's first response (reports); a pending or snoozed conversation becomes open.
 */
export async function replyToConversation(actor: Actor, rawInput: TReplyToConversationInput): Promise<MessageView> {
  assertRole(actor, INBOX_ROLE);
  const input = ZReplyToConversationInput.parse(rawInput);
  const conversation = await loadConversation(db, actor.tenantId, input.conversationId);
  const channel = conversation.channel === "sms" && input.mediaUrls.length > 0 ? "mms" : conversation.channel;
  const { from, to, email, threadTs } = await replyAddresses(actor.tenantId, conversation);
  const message = email
    ? await createEmailMessage(actor, { channel: "email", from, to, body: input.body, ...email }, { conversationId: conversation.id })
    : await createMessage(actor, { channel: channel as "sms", from, to, body: input.body, mediaUrls: input.mediaUrls, ...(threadTs ? { threadTs } : {}) }, { surface: "native", conversationId: conversation.id });
  await db.$transaction(async (tx) => {
    await tx.conversation.updateMany({
      where: { id: conversation.id, tenantId: actor.tenantId },
      data: { lastMessageAt: message.createdAt, unreadCount: 0, ...(conversation.status === "snoozed" ? { status: "OPEN", snoozedUntil: null } : {}) },
    });
    await tx.conversation.updateMany({ where: { id: conversation.id, firstResponseAt: null }, data: { firstResponseAt: message.createdAt } });
    await notifyInboxChanged(tx, { tenantId: actor.tenantId, conversationId: conversation.id, kind: "message" });
  });
  return message;
}

/**
 * Who a reply is from and to. Mostly the endpoint the contact wrote to and the contact. An email answers the latest
 * email the contact sent (In-Reply-To and References, "Re:" its subject). A Slack conversation is a person in a
 * Slack channel: the reply is the workspace's (its team id, kept with the inbound message) posting in that channel,
 * in the thread the person's latest message was in, if any.
 */
async function replyAddresses(
  tenantId: string,
  conversation: { id: string; channel: string; inboxAddress: string; contactAddress: string },
): Promise<{ from: string; to: string; email?: { subject: string; replyToMessageId?: string }; threadTs?: string }> {
  const latestInbound = () =>
    db.message.findFirst({ where: { tenantId, conversationId: conversation.id, direction: "INBOUND" }, orderBy: { createdAt: "desc" }, select: { id: true, payload: true, subject: true } });
  if (conversation.channel === "email") {
    const parent = await latestInbound();
    const subject = parent?.subject?.trim() ?? "";
    return {
      from: conversation.inboxAddress,
      to: conversation.contactAddress,
      email: { subject: !subject || /^re:/i.test(subject) ? subject : `Re: ${subject}`, ...(parent ? { replyToMessageId: parent.id } : {}) },
    };
  }
  if (conversation.channel !== "slack") return { from: conversation.inboxAddress, to: conversation.contactAddress };
  const payload = (await latestInbound())?.payload as { team_id?: unknown; thread_ts?: unknown } | null;
  if (typeof payload?.team_id !== "string") throw new AppError("CONFLICT", "this Slack conversation has no workspace to reply from (its messages predate the install); reply in Slack");
  return { from: payload.team_id, to: conversation.inboxAddress, ...(typeof payload.thread_ts === "string" ? { threadTs: payload.thread_ts } : {}) };
}
