// An arriving message's place in the inbox, for every channel (called by storeInboundMessage, in the webhook's
// transaction): its contact (found by the sender's identity, or created), and the contact's conversation with
// this endpoint on this channel — the one still open, pending or snoozed (snoozed wakes up); a resolved one
// recently active reopens; otherwise a new conversation, given round-robin to an available agent.
import type { ContactIdentityKind, MessageChannel } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { assignNewConversation } from "@/server/inbox/assign-new-conversation";
import { conversationChannel } from "@/server/inbox/conversation-view";
import { notifyInboxChanged } from "@/server/inbox/notify-inbox-changed";
import { recordConversationActivity } from "@/server/inbox/record-conversation-activity";
import { newId } from "@/server/shared/ids";

/** A resolved conversation the contact writes to within this time reopens (Chatwoot's default); later: a new one. */
export const REOPEN_WINDOW_MS = 24 * 60 * 60 * 1000;

const IDENTITY_KIND: Record<MessageChannel, ContactIdentityKind> = {
  SMS: "PHONE",
  MMS: "PHONE",
  WHATSAPP: "WHATSAPP",
  EMAIL: "EMAIL",
  SLACK: "SLACK",
  DISCORD: "DISCORD",
  TEAMS: "TEAMS",
  TELEGRAM: "TELEGRAM",
};

export interface ArrivingMessage {
  tenantId: string;
  channel: MessageChannel;
  /** The contact's address (where replies go). */
  from: string;
  /**
   * The sender's identity when it is not the address replies go to: a Telegram or Discord user writing in a group
   * chat or a server channel (the conversation is the chat's; the contact is the person). Default: `from`.
   */
  identity?: string;
  /** The tenant's endpoint. */
  to: string;
  /** When it arrived (now). */
  createdAt: Date;
}

/** The contact of an identity, created (named after it) in this transaction when there is none. */
async function contactOf(tx: Tx, tenantId: string, kind: ContactIdentityKind, value: string): Promise<string> {
  const find = () => tx.contactIdentity.findFirst({ where: { tenantId, kind, value }, select: { contactId: true } });
  const found = await find();
  if (found) return found.contactId;
  const contactId = newId("ct");
  await tx.contact.create({ data: { id: contactId, tenantId, displayName: value, tags: [] } });
  // A concurrent first message from the same sender: ON CONFLICT waits for it, then this inserts nothing and the
  // winner's identity is read (a fresh statement sees its commit); the contact made here is dropped.
  const inserted = await tx.$executeRaw`
    INSERT INTO "ContactIdentity" (id, "tenantId", "contactId", kind, value, "createdAt")
    VALUES (${newId("cti")}, ${tenantId}, ${contactId}, ${kind}::"ContactIdentityKind", ${value}, now() AT TIME ZONE 'UTC')
    ON CONFLICT ("tenantId", kind, value) DO NOTHING`;
  if (inserted === 1) return contactId;
  await tx.contact.delete({ where: { id: contactId } });
  return (await find())!.contactId;
}

export async function attachInboundMessage(tx: Tx, message: ArrivingMessage): Promise<{ conversationId: string; contactId: string; created: boolean }> {
  const { tenantId } = message;
  const channel = conversationChannel(message.channel);
  // One conversation per contact, channel and endpoint even when two messages arrive at once.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`inbox:${tenantId}:${channel}:${message.to}:${message.from}`}))`;
  const contactId = await contactOf(tx, tenantId, IDENTITY_KIND[message.channel], message.identity ?? message.from);
  const latest = await tx.conversation.findFirst({
    where: { tenantId, channel, inboxAddress: message.to, contactAddress: message.from },
    orderBy: { lastMessageAt: "desc" },
    select: { id: true, status: true, assigneeUserId: true, teamId: true, resolvedAt: true },
  });
  const reusable = latest && (latest.status !== "RESOLVED" || (latest.resolvedAt && message.createdAt.getTime() - latest.resolvedAt.getTime() < REOPEN_WINDOW_MS));
  let conversationId: string;
  let created = false;
  if (latest && reusable) {
    conversationId = latest.id;
    const reopens = latest.status === "SNOOZED" || latest.status === "RESOLVED";
    await tx.conversation.update({
      where: { id: conversationId },
      data: { lastMessageAt: message.createdAt, unreadCount: { increment: 1 }, contactId, ...(reopens ? { status: "OPEN", snoozedUntil: null, resolvedAt: null } : {}) },
    });
    if (reopens) {
      await recordConversationActivity(tx, { tenantId, conversationId, actorUserId: null, kind: "status_changed", detail: { from: latest.status.toLowerCase(), to: "open", by: "message" } });
      if (!latest.assigneeUserId) await assignNewConversation(tx, { tenantId, conversationId, channel, teamId: latest.teamId, createdAt: message.createdAt });
    }
  } else {
    conversationId = newId("cv");
    created = true;
    await tx.conversation.create({
      data: { id: conversationId, tenantId, contactId, channel, inboxAddress: message.to, contactAddress: message.from, lastMessageAt: message.createdAt, unreadCount: 1, labels: [] },
    });
    await assignNewConversation(tx, { tenantId, conversationId, channel, teamId: null, createdAt: message.createdAt });
  }
  await notifyInboxChanged(tx, { tenantId, conversationId, kind: created ? "created" : "message" });
  return { conversationId, contactId, created };
}
