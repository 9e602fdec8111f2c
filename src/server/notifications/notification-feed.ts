// The listening side of the live bell (see notify-notifications-changed.ts): the process's tenant change feed on the
// notifications channel (src/server/shared/tenant-change-feed.ts); `resync` after a reconnect.
import { NOTIFICATIONS_CHANNEL, decodeNotificationsChange, type NotificationsChange } from "@/server/notifications/notify-notifications-changed";
import { sharedTenantChangeFeed, type TenantChangeFeed } from "@/server/shared/tenant-change-feed";

export type NotificationFeed = TenantChangeFeed<{ kind: "changed"; change: NotificationsChange }>;

export function notificationFeed(): NotificationFeed {
  return sharedTenantChangeFeed("notification-feed", {
    channel: NOTIFICATIONS_CHANNEL,
    applicationName: "irisx-notification-feed",
    decode: (payload) => {
      const change = decodeNotificationsChange(payload);
      return change ? { tenantId: change.tenantId, event: { kind: "changed" as const, change } } : null;
    },
  });
}
