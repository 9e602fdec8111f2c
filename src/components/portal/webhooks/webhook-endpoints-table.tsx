"use client";

import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EndpointStatusBadge } from "@/components/portal/webhooks/endpoint-status-badge";
import { dateTime, relative } from "@/components/portal/webhooks/format";
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
          {e.consecutiveFailures} in a row, since {relative(e.failingSince)}
        </span>
      );
    },
  }),
  column.accessor("createdAt", { header: "Created", cell: (c) => <span className="whitespace-nowrap">{dateTime.format(c.getValue())}</span> }),
];

export function WebhookEndpointsTable({ endpoints }: { endpoints: WebhookEndpointRow[] }) {
  const table = useReactTable({ data: endpoints, columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });
  return (
    <div className="rounded-md border">
      <Table>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableHead key={header.id}>{header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}</TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
