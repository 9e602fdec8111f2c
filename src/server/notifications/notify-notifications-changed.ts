// The write side of the live bell: a NOTIFY on irisx_notifications inside the transaction that stores or reads
// notifications, so it is heard only once that commits. notification-feed.ts fans it out to the member's open bells in
// every app instance (the same LISTEN/NOTIFY pattern as the inbox's notify-inbox-changed.ts).
import type { DbOrTx } from "@/server/db";

export const NOTIFICATIONS_CHANNEL = "irisx_notifications";

/** `created`: new notifications for these members; `read`: some of theirs were marked read (other tabs recount). */
export interface NotificationsChange {
  tenantId: string;
  userIds: string[];
  kind: "created" | "read";
}

export function encodeNotificationsChange(change: NotificationsChange): string {
  return JSON.stringify({ t: change.tenantId, u: change.userIds, k: change.kind });
}

/** The inverse of encodeNotificationsChange; null for anything else. */
export function decodeNotificationsChange(payload: string): NotificationsChange | null {
  try {
    const v = JSON.parse(payload) as { t?: unknown; u?: unknown; k?: unknown };
    if (typeof v.t !== "string" || !Array.isArray(v.u) || (v.k !== "created" && v.k !== "read")) return null;
    return { tenantId: v.t, userIds: v.u.filter((u): u is string => typeof u === "string"), kind: v.k };
  } catch {
    return null;
  }
}

export async function notifyNotificationsChanged(tx: DbOrTx, change: NotificationsChange): Promise<void> {
  if (change.userIds.length === 0) return;
  await tx.$executeRaw`SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, ${encodeNotificationsChange(change)})`;
}
