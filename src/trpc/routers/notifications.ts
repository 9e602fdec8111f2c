import { z } from "zod";
import { findNotifications } from "@/server/notifications/find-notifications";
import { markAllNotificationsRead } from "@/server/notifications/mark-all-notifications-read";
import { markNotificationRead } from "@/server/notifications/mark-notification-read";
import { NOTIFICATION_ROLE, ZFindNotificationsInput, ZNotificationIdInput } from "@/server/notifications/notifications.schemas";
import { watchNotifications } from "@/server/notifications/watch-notifications";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const member = tenantProcedure(NOTIFICATION_ROLE);

export const notificationsRouter = createTRPCRouter({
  list: member.input(ZFindNotificationsInput).query(({ ctx, input }) => findNotifications(ctx.actor, input)),
  markRead: member.input(ZNotificationIdInput).mutation(({ ctx, input }) => markNotificationRead(ctx.actor, input)),
  markAllRead: member.input(z.void()).mutation(({ ctx }) => markAllNotificationsRead(ctx.actor)),
  /** Server-sent events: this member's bell changed (a new mention, or read elsewhere), and resyncs. */
  onChange: member.input(z.void()).subscription(({ ctx, signal }) => watchNotifications(ctx.actor, signal ?? new AbortController().signal)),
});
