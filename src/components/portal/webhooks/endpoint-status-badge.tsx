import { Badge } from "@/components/ui/badge";
import type { WebhookEndpointRow } from "@/components/portal/webhooks/types";
import { formatRelative } from "@/lib/format";

/** Enabled, failing (with how long), or disabled (with why). */
export function EndpointStatusBadge({ endpoint }: { endpoint: Pick<WebhookEndpointRow, "status" | "disabledReason" | "failingSince" | "consecutiveFailures"> }) {
  if (endpoint.status === "DISABLED") {
    return (
      <Badge variant="secondary" title={endpoint.disabledReason ?? undefined}>
        Disabled
      </Badge>
    );
  }
  if (endpoint.failingSince) {
    return (
      <Badge variant="warning" title={`${endpoint.consecutiveFailures} failed attempts in a row, failing since ${formatRelative(endpoint.failingSince)}`}>
        Failing
      </Badge>
    );
  }
  return <Badge variant="success">Enabled</Badge>;
}
