import type { DbOrTx } from "@/server/db";
import { notifyNotificationsChanged } from "@/server/notifications/notify-notifications-changed";
import { newId } from "@/server/shared/ids";

/**
 * One unread "mention" notification per member a note @mentions (never its author), in the note's transaction, and
 * their bells told when it commits. The ids are members of the note's tenant already (add-conversation-note.ts
 * resolves handles among the tenant's memberships only), so someone outside the tenant can never be told.
 */
export async function createMentionNotifications(
  tx: DbOrTx,
  note: { tenantId: string; conversationId: string; noteId: string; authorUserId: string | null; mentionUserIds: readonly string[] },
): Promise<string[]> {
  const userIds = [...new Set(note.mentionUserIds)].filter((u) => u !== note.authorUserId);
  if (userIds.length === 0) return [];
  await tx.notification.createMany({
    data: userIds.map((userId) => ({ id: newId("ntf"), tenantId: note.tenantId, userId, kind: "mention", conversationId: note.conversationId, noteId: note.noteId, actorUserId: note.authorUserId })),
  });
  await notifyNotificationsChanged(tx, { tenantId: note.tenantId, userIds, kind: "created" });
  return userIds;
}
