import type { Prisma } from "@/generated/prisma/client";

export const NOTIFICATION_SELECT = {
  id: true,
  kind: true,
  conversationId: true,
  noteId: true,
  readAt: true,
  createdAt: true,
  actor: { select: { name: true } },
  note: { select: { body: true } },
  conversation: { select: { channel: true, contact: { select: { displayName: true } } } },
} satisfies Prisma.NotificationSelect;

type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof NOTIFICATION_SELECT }>;

export interface NotificationView {
  id: string;
  kind: "mention";
  conversationId: string;
  noteId: string;
  /** Who wrote the note (null: a removed account). */
  actorName: string | null;
  /** The note's first 200 characters. */
  excerpt: string;
  contactName: string;
  channel: string;
  read: boolean;
  createdAt: Date;
}

export function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind as "mention",
    conversationId: row.conversationId,
    noteId: row.noteId,
    actorName: row.actor?.name ?? null,
    excerpt: row.note.body.length > 200 ? `${row.note.body.slice(0, 199)}…` : row.note.body,
    contactName: row.conversation.contact.displayName,
    channel: row.conversation.channel.toLowerCase(),
    read: row.readAt !== null,
    createdAt: row.createdAt,
  };
}
