// Conversations as the inbox shows them, and who may do what with them.
import type { ConversationPriority, ConversationStatus, MessageChannel, Prisma } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import type { RoleRule } from "@/server/tenancy";

/** Working the inbox (reading, replying, notes, status, assignment): every member, agents included. */
export const INBOX_ROLE: RoleRule = { minRole: "AGENT" };
/** Canned responses, teams and bulk actions: supervisors and up. */
export const INBOX_ADMIN_ROLE: RoleRule = { minRole: "SUPERVISOR" };

export const CONVERSATION_SELECT = {
  id: true,
  contactId: true,
  channel: true,
  inboxAddress: true,
  contactAddress: true,
  status: true,
  snoozedUntil: true,
  assigneeUserId: true,
  teamId: true,
  priority: true,
  labels: true,
  lastMessageAt: true,
  unreadCount: true,
  firstResponseAt: true,
  resolvedAt: true,
  createdAt: true,
  contact: { select: { displayName: true } },
  assignee: { select: { name: true } },
  team: { select: { name: true } },
} satisfies Prisma.ConversationSelect;

type ConversationRow = Prisma.ConversationGetPayload<{ select: typeof CONVERSATION_SELECT }>;

export interface ConversationView {
  id: string;
  contactId: string;
  contactName: string;
  channel: string;
  inboxAddress: string;
  contactAddress: string;
  status: "open" | "pending" | "snoozed" | "resolved";
  snoozedUntil: Date | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  teamName: string | null;
  priority: "none" | "low" | "medium" | "high" | "urgent";
  labels: string[];
  lastMessageAt: Date;
  unreadCount: number;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

export function toConversationView(row: ConversationRow): ConversationView {
  return {
    id: row.id,
    contactId: row.contactId,
    contactName: row.contact.displayName,
    channel: row.channel.toLowerCase(),
    inboxAddress: row.inboxAddress,
    contactAddress: row.contactAddress,
    status: row.status.toLowerCase() as ConversationView["status"],
    snoozedUntil: row.snoozedUntil,
    assigneeUserId: row.assigneeUserId,
    assigneeName: row.assignee?.name ?? null,
    teamId: row.teamId,
    teamName: row.team?.name ?? null,
    priority: row.priority.toLowerCase() as ConversationView["priority"],
    labels: row.labels,
    lastMessageAt: row.lastMessageAt,
    unreadCount: row.unreadCount,
    firstResponseAt: row.firstResponseAt,
    resolvedAt: row.resolvedAt,
    createdAt: row.createdAt,
  };
}

export const statusEnum = (s: string) => s.toUpperCase() as ConversationStatus;
export const priorityEnum = (p: string) => p.toUpperCase() as ConversationPriority;
/** SMS and MMS are one conversation. */
export const conversationChannel = (channel: MessageChannel): MessageChannel => (channel === "MMS" ? "SMS" : channel);
export const channelEnumOf = (channel: string) => channel.toUpperCase() as MessageChannel;

/** The tenant's conversation, or NOT_FOUND (another tenant's id reads exactly like a missing one). */
export async function loadConversation(tx: DbOrTx, tenantId: string, conversationId: string): Promise<ConversationView> {
  const row = await tx.conversation.findFirst({ where: { id: conversationId, tenantId }, select: CONVERSATION_SELECT });
  if (!row) throw notFound("conversation");
  return toConversationView(row);
}
