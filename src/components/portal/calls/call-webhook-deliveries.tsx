"use client";

import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/shared/data-table";
import { QueryStates } from "@/components/shared/query-states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CallRow, CallWebhookDeliveryRow } from "@/components/portal/calls/types";
import { DeliveryLastResponse, DeliveryStatusBadge } from "@/components/portal/webhooks/delivery-outcome";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

const column = createColumnHelper<CallWebhookDeliveryRow>();

const columns = [
  column.accessor("eventType", { header: "Event", cell: (c) => <code className="font-mono text-xs">{c.getValue()}</code> }),
  column.accessor("endpointUrl", {
    header: "Endpoint",
    cell: (c) => (
      <Link href={`/settings/webhooks/${c.row.original.endpointId}`} className="block max-w-64 truncate font-mono text-xs hover:underline" title={c.getValue()}>
        {c.getValue()}
      </Link>
    ),
  }),
  column.accessor("status", {
    header: "Status",
    cell: (c) => <DeliveryStatusBadge status={c.getValue()} />,
  }),
  column.accessor("lastStatusCode", {
    header: "Response",
    meta: { className: "hidden sm:table-cell" },
    cell: (c) => <DeliveryLastResponse statusCode={c.getValue()} error={c.row.original.lastError} />,
  }),
  column.accessor("attemptCount", { header: "Attempts", meta: { className: "hidden md:table-cell" } }),
  column.accessor("createdAt", { header: "Created", meta: { className: "hidden md:table-cell" }, cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span> }),
];

export function CallWebhookDeliveries({ call }: { call: CallRow }) {
  const trpc = useTRPC();
  // Deliveries are created by the background fan-out shortly after each event; look again while any is open.
  const deliveries = useQuery(
    trpc.calls.webhookDeliveries.queryOptions(
      { callId: call.id },
      {
        retry: (count, error) => error.data?.code !== "FORBIDDEN" && count < 2,
        refetchInterval: (q) => ((q.state.data ?? []).some((d) => d.status === "PENDING" || d.status === "RETRYING") ? 3000 : false),
      },
    ),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Webhook deliveries</CardTitle>
        <CardDescription>The call&apos;s events as sent to your webhook endpoints.</CardDescription>
      </CardHeader>
      <CardContent>
        {deliveries.error?.data?.code === "FORBIDDEN" ? (
          <p className="text-sm text-muted-foreground">Admins and developers see webhook deliveries.</p>
        ) : (
          <QueryStates
            query={deliveries}
            what="webhook deliveries"
            isEmpty={(list) => list.length === 0}
            empty={
              <p className="text-sm text-muted-foreground">
                None yet. Subscribe an endpoint to <code className="font-mono text-xs">call.*</code> events in{" "}
                <Link href="/settings/webhooks" className="underline">
                  Webhooks
                </Link>{" "}
                to receive them.
              </p>
            }
          >
            {(list) => <DataTable data={list} columns={columns} getRowId={(row) => row.id} />}
          </QueryStates>
        )}
      </CardContent>
    </Card>
  );
}
