// The listening side of live call status (see notify-call-changed.ts): the process's tenant change feed on the
// call channel (src/server/shared/tenant-change-feed.ts), each change as a `changed` event, `resync` after a reconnect.
import { CALL_CHANGED_CHANNEL, decodeCallChange, type CallChange } from "@/server/calls/notify-call-changed";
import { sharedTenantChangeFeed, type ResyncEvent, type TenantChangeFeed } from "@/server/shared/tenant-change-feed";

export type CallFeedEvent = ({ kind: "changed" } & CallChange) | ResyncEvent;
export type CallChangeFeed = TenantChangeFeed<{ kind: "changed" } & CallChange>;

export function callChangeFeed(): CallChangeFeed {
  return sharedTenantChangeFeed("call-change-feed", {
    channel: CALL_CHANGED_CHANNEL,
    applicationName: "irisx-call-feed",
    decode: (payload) => {
      const change = decodeCallChange(payload);
      return change ? { tenantId: change.tenantId, event: { kind: "changed" as const, ...change } } : null;
    },
  });
}
