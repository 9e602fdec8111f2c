"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { ChevronDownIcon, ChevronRightIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/shared/data-table";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { formatDateTime, formatRelative } from "@/lib/format";
import { DeliveryLastResponse, DeliveryStatusBadge } from "@/components/portal/webhooks/delivery-outcome";
import type { WebhookDeliveryRow } from "@/components/portal/webhooks/types";
import { useTRPC } from "@/trpc/react";

const column = createColumnHelper<WebhookDeliveryRow>();

function RedeliverButton({ delivery }: { delivery: WebhookDeliveryRow }) {
  const trpc = useTRPC();
  // A manual attempt changes the delivery, the hourly chart and the endpoint's failure streak.
  const redeliver = useToastMutation(
    trpc.webhooks.redeliver.mutationOptions({
      onSuccess: (r) => {
        if (r.outcome === "succeeded") toast.success(`Delivered (HTTP ${r.statusCode})`);
        else if (r.outcome === "failed") toast.error(`Delivery failed: ${r.error ?? "unknown error"}`);
      },
    }),
    { invalidate: [trpc.webhooks.deliveries.queryKey(), trpc.webhooks.deliveryStats.queryKey(), trpc.webhooks.get.queryKey()] },
  );
  return (
    <Button variant="outline" size="sm" disabled={redeliver.isPending} onClick={() => redeliver.mutate({ deliveryId: delivery.id })}>
      {redeliver.isPending ? "Sending…" : "Redeliver"}
    </Button>
  );
}

const columns = [
  column.display({
    id: "expand",
    header: () => <span className="sr-only">Attempts</span>,
    cell: ({ row }) => (
      <Button variant="ghost" size="icon" className="size-7" aria-label={row.getIsExpanded() ? "Hide attempts" : "Show attempts"} onClick={row.getToggleExpandedHandler()}>
        {row.getIsExpanded() ? <ChevronDownIcon /> : <ChevronRightIcon />}
      </Button>
    ),
  }),
  column.accessor("eventType", {
    header: "Event",
    cell: (c) => (
      <span className="flex flex-col gap-0.5">
        <code className="font-mono text-xs font-medium">{c.getValue()}</code>
        <code className="font-mono text-[11px] text-muted-foreground">{c.row.original.eventId}</code>
      </span>
    ),
  }),
  column.accessor("status", {
    header: "Status",
    cell: (c) => <DeliveryStatusBadge status={c.getValue()} />,
  }),
  column.accessor("attemptCount", { header: "Attempts" }),
  column.accessor("lastStatusCode", {
    header: "Last response",
    cell: (c) => <DeliveryLastResponse statusCode={c.getValue()} error={c.row.original.lastError} />,
  }),
  column.accessor("createdAt", {
    header: "Created",
    cell: (c) => (
      <span className="flex flex-col gap-0.5 whitespace-nowrap">
        <span>{formatDateTime(c.getValue())}</span>
        {c.row.original.nextAttemptAt && c.row.original.status === "RETRYING" && (
          <span className="text-xs text-muted-foreground">next try {formatRelative(c.row.original.nextAttemptAt)}</span>
        )}
      </span>
    ),
  }),
  column.display({ id: "actions", header: () => <span className="sr-only">Actions</span>, cell: (c) => <RedeliverButton delivery={c.row.original} /> }),
];

function Attempts({ delivery }: { delivery: WebhookDeliveryRow }) {
  if (delivery.attempts.length === 0) return <p className="text-sm text-muted-foreground">No attempts yet.</p>;
  return (
    <ol className="flex flex-col gap-2">
      {delivery.attempts.map((a) => (
        <li key={a.id} className="rounded-md border bg-background p-2 text-xs">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-medium">Attempt {a.attempt}</span>
            {a.manual && <Badge variant="outline">manual</Badge>}
            <span>{formatDateTime(a.startedAt)}</span>
            <span className="font-mono">{a.statusCode ?? "no response"}</span>
            <span className="text-muted-foreground">{a.durationMs} ms</span>
            {a.error && <span className="text-destructive">{a.error}</span>}
          </div>
          {a.responseBody && <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap break-all rounded bg-muted/50 p-2 font-mono">{a.responseBody}</pre>}
        </li>
      ))}
    </ol>
  );
}

export function WebhookDeliveriesTable({ deliveries }: { deliveries: WebhookDeliveryRow[] }) {
  return (
    <DataTable
      data={deliveries}
      columns={columns}
      getRowId={(row) => row.id}
      getRowCanExpand={() => true}
      renderSubRow={(row) => <Attempts delivery={row.original} />}
    />
  );
}
