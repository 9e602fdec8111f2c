"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/shared/data-table";
import { EndpointStatusBadge } from "@/components/portal/webhooks/endpoint-status-badge";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { WebhookEndpointRow } from "@/components/portal/webhooks/types";

const column = createColumnHelper<WebhookEndpointRow>();

const columns = [
  column.accessor("url", {
    header: "Endpoint",
    cell: (c) => (
      <Link href={`/settings/webhooks/${c.row.original.id}`} className="flex flex-col gap-0.5 hover:underline">
        <span className="max-w-md truncate font-mono text-xs font-medium">{c.getValue()}</span>
        {c.row.original.description && <span className="text-xs text-muted-foreground">{c.row.original.description}</span>}
      </Link>
    ),
  }),
  column.accessor("eventTypes", {
    header: "Events",
    cell: (c) => (
      <span className="flex max-w-xs flex-wrap gap-1">
        {c.getValue().includes("*") ? (
          <Badge variant="outline">all events</Badge>
        ) : (
          c.getValue().map((t) => (
            <Badge key={t} variant="outline" className="font-mono">
              {t}
            </Badge>
          ))
        )}
      </span>
    ),
  }),
  column.display({
    id: "status",
    header: "Status",
    cell: (c) => <EndpointStatusBadge endpoint={c.row.original} />,
  }),
  column.display({
    id: "health",
    header: "Failures",
    cell: (c) => {
      const e = c.row.original;
      if (e.status === "DISABLED") return <span className="text-xs text-muted-foreground">{e.disabledReason ?? "Disabled"}</span>;
      if (!e.failingSince) return <span className="text-xs text-muted-foreground">None</span>;
      return (
        <span className="text-xs text-warning-foreground dark:text-warning">
          {e.consecutiveFailures} in a row, since {formatRelative(e.failingSince)}
        </span>
      );
    },
  }),
  column.accessor("createdAt", { header: "Created", cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span> }),
];

export function WebhookEndpointsTable({ endpoints }: { endpoints: WebhookEndpointRow[] }) {
  return <DataTable data={endpoints} columns={columns} getRowId={(row) => row.id} />;
}
