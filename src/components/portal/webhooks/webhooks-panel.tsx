"use client";

import { useQuery } from "@tanstack/react-query";
import { WebhookIcon } from "lucide-react";
import { QueryStates } from "@/components/shared/query-states";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveryEngineStatus } from "@/components/portal/webhooks/delivery-engine-status";
import { CreateWebhookEndpointDialog } from "@/components/portal/webhooks/create-webhook-endpoint-dialog";
import { WebhookEndpointsTable } from "@/components/portal/webhooks/webhook-endpoints-table";
import { useTRPC } from "@/trpc/react";

const PAGE_SIZE = 100;

export function WebhooksPanel() {
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions({ limit: PAGE_SIZE }));
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Webhooks"
        description="IRISX sends signed HTTPS requests to your endpoints when calls, keys, team members or settings change."
        actions={<CreateWebhookEndpointDialog />}
      />
      <DeliveryEngineStatus />
      <QueryStates
        query={endpoints}
        what="webhook endpoints"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState
            icon={WebhookIcon}
            title="No webhook endpoints yet"
            description="Add an endpoint to receive call progress, API key and team events on your own servers."
            action={<CreateWebhookEndpointDialog />}
          />
        }
      >
        {(page) => (
          <>
            <WebhookEndpointsTable endpoints={page.items} />
            {page.nextCursor && <p className="text-sm text-muted-foreground">Showing the {PAGE_SIZE} newest endpoints.</p>}
          </>
        )}
      </QueryStates>
    </div>
  );
}
