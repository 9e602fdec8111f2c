import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { ATTACHMENT_SUMMARY_SELECT, MESSAGE_VIEW_SELECT, type MessageView } from "@/server/messages/message-view";
import { MESSAGE_READ_ROLE } from "@/server/messages/messages.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** One message of the tenant (with its email attachments); another tenant's id reads as not found. */
export async function getMessage(actor: Actor, input: { messageId: string }): Promise<MessageView> {
  assertRole(actor, MESSAGE_READ_ROLE);
  const message = await db.message.findFirst({ where: { id: input.messageId, tenantId: actor.tenantId }, select: { ...MESSAGE_VIEW_SELECT, attachments: { select: ATTACHMENT_SUMMARY_SELECT, orderBy: { createdAt: "asc" } } } });
  if (!message) throw notFound("message");
  return message;
}
