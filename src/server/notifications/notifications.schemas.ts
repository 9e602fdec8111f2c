import { z } from "zod";
import type { RoleRule } from "@/server/tenancy";

/** Every member has a bell, agents included. */
export const NOTIFICATION_ROLE: RoleRule = { minRole: "AGENT" };

export const ZNotificationId = z.string().trim().min(1, "notificationId is required").max(64);

export const ZFindNotificationsInput = z
  .object({
    /** Only the unread ones. */
    unread: z.boolean().default(false),
    cursor: z.string().trim().min(1).max(64).nullish(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .default({ unread: false, limit: 20 });
export type TFindNotificationsInput = z.input<typeof ZFindNotificationsInput>;

export const ZNotificationIdInput = z.object({ notificationId: ZNotificationId });
export type TNotificationIdInput = z.input<typeof ZNotificationIdInput>;
