// The listening side of live presence (see notify-agent-changed.ts): the process's tenant change feed on the agents'
// channel (src/server/shared/tenant-change-feed.ts), each change as a `changed` event, `resync` after a reconnect.
import { AGENT_CHANGED_CHANNEL, decodeAgentChange, type AgentChange } from "@/server/agents/notify-agent-changed";
import { sharedTenantChangeFeed, type ResyncEvent, type TenantChangeFeed } from "@/server/shared/tenant-change-feed";

export type AgentFeedEvent = { kind: "changed"; change: AgentChange } | ResyncEvent;
export type AgentChangeFeed = TenantChangeFeed<{ kind: "changed"; change: AgentChange }>;

export function agentChangeFeed(): AgentChangeFeed {
  return sharedTenantChangeFeed("agent-change-feed", {
    channel: AGENT_CHANGED_CHANNEL,
    applicationName: "irisx-agent-feed",
    decode: (payload) => {
      const change = decodeAgentChange(payload);
      return change ? { tenantId: change.tenantId, event: { kind: "changed" as const, change } } : null;
    },
  });
}
