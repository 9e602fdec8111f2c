import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { bellOwner } from "@/server/notifications/member-of";
import { NOTIFICATION_SELECT, toNotificationView, type NotificationView } from "@/server/notifications/notification-view";
import { ZFindNotificationsInput, type TFindNotificationsInput } from "@/server/notifications/notifications.schemas";
import type { Actor } from "@/server/tenancy";

/** The member's bell: their notifications newest first (ids are ULIDs, so id order is time order), and the unread count. */
export async function findNotifications(actor: Actor, rawInput: TFindNotificationsInput): Promise<{ items: NotificationView[]; nextCursor: string | null; unreadCount: number }> {
  const { tenantId, userId } = bellOwner(actor);
  const input = ZFindNotificationsInput.parse(rawInput);
  if (input.cursor) {
    const own = await db.notification.findFirst({ where: { id: input.cursor, tenantId, userId }, select: { id: true } });
    if (!own) throw fieldError("cursor", "is not a position in your notifications");
  }
  const where = { tenantId, userId, ...(input.unread ? { readAt: null } : {}), ...(input.cursor ? { id: { lt: input.cursor } } : {}) };
  const [rows, unreadCount] = await Promise.all([
    db.notification.findMany({ where, orderBy: { id: "desc" }, take: input.limit + 1, select: NOTIFICATION_SELECT }),
    db.notification.count({ where: { tenantId, userId, readAt: null } }),
  ]);
  const page = rows.slice(0, input.limit);
  return { items: page.map(toNotificationView), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null, unreadCount };
}
