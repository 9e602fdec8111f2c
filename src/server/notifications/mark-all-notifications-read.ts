import { db } from "@/server/db";
import { bellOwner } from "@/server/notifications/member-of";
import { notifyNotificationsChanged } from "@/server/notifications/notify-notifications-changed";
import type { Actor } from "@/server/tenancy";

/** Marks every unread notification of the member in this tenant read. */
export async function markAllNotificationsRead(actor: Actor): Promise<{ marked: number }> {
  const { tenantId, userId } = bellOwner(actor);
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({ where: { tenantId, userId, readAt: null }, data: { readAt: new Date() } });
    if (count > 0) await notifyNotificationsChanged(tx, { tenantId, userIds: [userId], kind: "read" });
    return { marked: count };
  });
}
