// A conversation's thread as the inbox shows it: its messages, internal notes and activity entries, with the
// contact's calls and voicemails from the contacts timeline (the same sources the contact page reads), oldest first.
import { TIMELINE_SOURCES } from "@/server/contacts/contact-timeline-sources";
import { db } from "@/server/db";
import { INBOX_ROLE, loadConversation } from "@/server/inbox/conversation-view";
import { ZConversationIdInput, type TConversationIdInput } from "@/server/inbox/inbox.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** The most recent items of each kind the thread shows. */
const THREAD_LIMIT = 200;

export type ThreadItem =
  | {
      type: "message";
      id: string;
      at: Date;
      direction: "inbound" | "outbound";
      body: string;
      mediaUrls: string[];
      /** Stored files (email attachments, WhatsApp media): served to members by /api/messages/{id}/attachments/{aid}. */
      attachments: { id: string; filename: string; contentType: string }[];
      status: string;
      from: string;
      to: string;
    }
  | { type: "note"; id: string; at: Date; body: string; authorName: string | null; mentionUserIds: string[] }
  | { type: "activity"; id: string; at: Date; kind: string; actorName: string | null; detail: Record<string, unknown> }
  | { type: "call" | "voicemail"; id: string; at: Date; data: Record<string, unknown> };

export async function findConversationThread(actor: Actor, rawInput: TConversationIdInput): Promise<{ items: ThreadItem[] }> {
  assertRole(actor, INBOX_ROLE);
  const { conversationId } = ZConversationIdInput.parse(rawInput);
  const conversation = await loadConversation(db, actor.tenantId, conversationId);
  const where = { tenantId: actor.tenantId, conversationId };
  const [messages, notes, activities, identities] = await Promise.all([
    db.message.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: THREAD_LIMIT, select: { id: true, createdAt: true, direction: true, body: true, mediaUrls: true, status: true, from: true, to: true, attachments: { select: { id: true, filename: true, contentType: true }, orderBy: { createdAt: "asc" } } } }),
    db.conversationNote.findMany({ where, orderBy: { createdAt: "desc" }, take: THREAD_LIMIT, select: { id: true, createdAt: true, body: true, authorUserId: true, mentionUserIds: true } }),
    db.conversationActivity.findMany({ where, orderBy: { createdAt: "desc" }, take: THREAD_LIMIT, select: { id: true, createdAt: true, kind: true, actorUserId: true, detail: true } }),
    db.contactIdentity.findMany({ where: { tenantId: actor.tenantId, contactId: conversation.contactId }, select: { kind: true, value: true } }),
  ]);
  const userIds = [...new Set([...notes.map((n) => n.authorUserId), ...activities.map((a) => a.actorUserId), ...activities.map((a) => (a.detail as { userId?: string }).userId)].filter((u): u is string => !!u))];
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds }, memberships: { some: { tenantId: actor.tenantId } } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const voice = (await Promise.all(TIMELINE_SOURCES.map((s) => s.load(actor.tenantId, identities, null, 50)))).flat();
  const items: ThreadItem[] = [
    ...messages.map((m) => ({ type: "message" as const, id: m.id, at: m.createdAt, direction: m.direction === "INBOUND" ? ("inbound" as const) : ("outbound" as const), body: m.body, mediaUrls: m.mediaUrls, attachments: m.attachments, status: m.status.toLowerCase(), from: m.from, to: m.to })),
    ...notes.map((n) => ({ type: "note" as const, id: n.id, at: n.createdAt, body: n.body, authorName: n.authorUserId ? (users.get(n.authorUserId) ?? null) : null, mentionUserIds: n.mentionUserIds })),
    ...activities.map((a) => {
      const detail = a.detail as Record<string, unknown>;
      const named = typeof detail.userId === "string" ? { ...detail, userName: users.get(detail.userId) ?? null } : detail;
      return { type: "activity" as const, id: a.id, at: a.createdAt, kind: a.kind, actorName: a.actorUserId ? (users.get(a.actorUserId) ?? null) : null, detail: named };
    }),
    ...voice.map((v) => ({ type: v.type as "call" | "voicemail", id: v.id, at: v.at, data: v.data })),
  ];
  items.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  return { items };
}
