// The listening side of the live inbox (see notify-inbox-changed.ts): the process's tenant change feed on the inbox
// channel (src/server/shared/tenant-change-feed.ts), each change as a `changed` event, `resync` after a reconnect.
import { INBOX_CHANGED_CHANNEL, decodeInboxChange, type InboxChange } from "@/server/inbox/notify-inbox-changed";
import { sharedTenantChangeFeed, type ResyncEvent, type TenantChangeFeed } from "@/server/shared/tenant-change-feed";

export type InboxFeedEvent = { kind: "changed"; change: InboxChange } | ResyncEvent;
export type InboxChangeFeed = TenantChangeFeed<{ kind: "changed"; change: InboxChange }>;

export function inboxChangeFeed(): InboxChangeFeed {
  return sharedTenantChangeFeed("inbox-change-feed", {
    channel: INBOX_CHANGED_CHANNEL,
    applicationName: "irisx-inbox-feed",
    decode: (payload) => {
      const change = decodeInboxChange(payload);
      return change ? { tenantId: change.tenantId, event: { kind: "changed" as const, change } } : null;
    },
  });
}
