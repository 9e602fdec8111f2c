import { db } from "@/server/db";
import { INBOX_ROLE, loadConversation } from "@/server/inbox/conversation-view";
import { ZAddConversationNoteInput, type TAddConversationNoteInput } from "@/server/inbox/inbox.schemas";
import { notifyInboxChanged } from "@/server/inbox/notify-inbox-changed";
import { createMentionNotifications } from "@/server/notifications/create-mention-notifications";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * "@" + a word: a member whose name (first name, or the name without spaces) or email's local part matches,
 * case-insensitively. Unknown handles stay plain text.
 */
const MENTION = /@([\p{L}\p{N}._-]+)/gu;

export function mentionHandles(member: { name: string; email: string }): string[] {
  const name = member.name.toLowerCase();
  return [name.split(/\s+/)[0] ?? "", name.replace(/\s+/g, ""), member.email.toLowerCase().split("@")[0] ?? ""].filter(Boolean);
}

export interface ConversationNoteView {
  id: string;
  body: string;
  mentionUserIds: string[];
  createdAt: Date;
}

/** An internal note (never sent to the contact); members it @mentions get a notification in their bell, live. */
export async function addConversationNote(actor: Actor, rawInput: TAddConversationNoteInput): Promise<ConversationNoteView> {
  assertRole(actor, INBOX_ROLE);
  const input = ZAddConversationNoteInput.parse(rawInput);
  const conversation = await loadConversation(db, actor.tenantId, input.conversationId);
  const handles = new Set([...input.body.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()));
  let mentionUserIds: string[] = [];
  if (handles.size) {
    const members = await db.membership.findMany({ where: { tenantId: actor.tenantId }, select: { userId: true, user: { select: { name: true, email: true } } } });
    mentionUserIds = members.filter((m) => mentionHandles(m.user).some((h) => handles.has(h))).map((m) => m.userId);
  }
  return db.$transaction(async (tx) => {
    const note = await tx.conversationNote.create({
      data: { id: newId("cvn"), tenantId: actor.tenantId, conversationId: conversation.id, authorUserId: actor.userId, body: input.body, mentionUserIds },
      select: { id: true, body: true, mentionUserIds: true, createdAt: true },
    });
    await createMentionNotifications(tx, { tenantId: actor.tenantId, conversationId: conversation.id, noteId: note.id, authorUserId: actor.userId, mentionUserIds });
    await notifyInboxChanged(tx, { tenantId: actor.tenantId, conversationId: conversation.id, kind: "note", mentionUserIds });
    return note;
  });
}
