import { bellOwner } from "@/server/notifications/member-of";
import { notificationFeed } from "@/server/notifications/notification-feed";
import type { Actor } from "@/server/tenancy";

/** `created`: something new for this member (re-read the bell and say so); `read`: recount; `resync`: re-read all. */
export type NotificationEvent = { kind: "created" } | { kind: "read" } | { kind: "resync" };

/** The member's own bell changes, live, until `signal` aborts; other members' changes in the tenant are not heard. */
export async function watchNotifications(actor: Actor, signal: AbortSignal): Promise<AsyncIterable<NotificationEvent>> {
  const { tenantId, userId } = bellOwner(actor);
  const feed = notificationFeed();
  return (async function* () {
    for await (const event of feed.subscribe(tenantId, signal)) {
      if (event.kind === "resync") yield { kind: "resync" } as const;
      else if (event.change.userIds.includes(userId)) yield { kind: event.change.kind } as const;
    }
  })();
}
