import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { bellOwner } from "@/server/notifications/member-of";
import { ZNotificationIdInput, type TNotificationIdInput } from "@/server/notifications/notifications.schemas";
import { notifyNotificationsChanged } from "@/server/notifications/notify-notifications-changed";
import type { Actor } from "@/server/tenancy";

/** Marks one of the member's notifications read (again: a no-op); anyone else's, in any tenant, is NOT_FOUND. */
export async function markNotificationRead(actor: Actor, rawInput: TNotificationIdInput): Promise<{ unreadCount: number }> {
  const { tenantId, userId } = bellOwner(actor);
  const { notificationId } = ZNotificationIdInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const own = await tx.notification.findFirst({ where: { id: notificationId, tenantId, userId }, select: { readAt: true } });
    if (!own) throw notFound("notification");
    if (!own.readAt) {
      await tx.notification.update({ where: { id: notificationId }, data: { readAt: new Date() } });
      await notifyNotificationsChanged(tx, { tenantId, userIds: [userId], kind: "read" });
    }
    return { unreadCount: await tx.notification.count({ where: { tenantId, userId, readAt: null } }) };
  });
}
