"use client";

// A sent broadcast's recipients, a page at a time from the server, filtered by status or by address and tenant.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { useDeferredValue, useState } from "react";
import { RECIPIENT, RecipientStatusBadge, type RecipientStatus } from "@/components/admin/broadcasts/broadcast-status";
import { DataTable } from "@/components/shared/data-table";
import { QueryStates } from "@/components/shared/query-states";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatRelative } from "@/lib/format";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type Recipient = inferRouterOutputs<AppRouter>["admin"]["broadcasts"]["recipients"]["rows"][number];
const column = createColumnHelper<Recipient>();
const PAGE_SIZE = 50;
const ALL = "all";

/** The latest thing that happened to the recipient, and when. */
function lastEvent(r: Recipient): Date | null {
  return r.complainedAt ?? r.bouncedAt ?? r.failedAt ?? r.deliveredAt ?? r.sentAt ?? null;
}

function StatusWithError({ recipient, className }: { recipient: Recipient; className?: string }) {
  return (
    <div className={cn("flex flex-col items-start gap-1", className)}>
      <RecipientStatusBadge status={recipient.status} />
      {recipient.error && <span className="max-w-72 text-xs break-words whitespace-normal text-muted-foreground">{recipient.error}</span>}
    </div>
  );
}

const columns = [
  column.accessor("email", {
    header: "Recipient",
    cell: (c) => (
      <div className="flex min-w-0 flex-col items-start gap-1 whitespace-normal">
        <div className="break-all font-medium">{c.getValue()}</div>
        <div className="text-xs text-muted-foreground">
          {c.row.original.userName} · {c.row.original.tenantName}
        </div>
        {/* Phones: the status here, its column hidden. */}
        <StatusWithError recipient={c.row.original} className="sm:hidden" />
      </div>
    ),
  }),
  column.accessor("status", {
    header: "Status",
    meta: { className: "hidden sm:table-cell" },
    cell: (c) => <StatusWithError recipient={c.row.original} />,
  }),
  column.display({
    id: "when",
    header: "Last change",
    meta: { className: "hidden text-right md:table-cell", cellClassName: "whitespace-nowrap text-sm text-muted-foreground" },
    cell: (c) => formatRelative(lastEvent(c.row.original) ?? c.row.original.updatedAt),
  }),
  column.accessor("providerMessageId", {
    header: "Message id",
    meta: { className: "hidden xl:table-cell", cellClassName: "font-mono text-xs text-muted-foreground" },
    cell: (c) => c.getValue() ?? "—",
  }),
];

export function BroadcastRecipientsTable({ broadcastId, refreshEvery }: { broadcastId: string; refreshEvery: number | false }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<RecipientStatus | typeof ALL>(ALL);
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(0);
  const deferredSearch = useDeferredValue(search.trim());
  const recipients = useQuery(
    trpc.admin.broadcasts.recipients.queryOptions(
      { broadcastId, status: status === ALL ? null : status, search: deferredSearch || null, page, pageSize: PAGE_SIZE },
      { placeholderData: keepPreviousData, refetchInterval: refreshEvery },
    ),
  );
  const table = useReactTable({
    data: recipients.data?.rows ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    manualPagination: true,
    rowCount: recipients.data?.total ?? 0,
    state: { pagination: { pageIndex: page, pageSize: PAGE_SIZE } },
    onPaginationChange: (up) => setPage((typeof up === "function" ? up({ pageIndex: page, pageSize: PAGE_SIZE }) : up).pageIndex),
  });
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-2">
          <Label htmlFor="recipient-status">Status</Label>
          <Select value={status} onValueChange={(v) => (setStatus(v as RecipientStatus | typeof ALL), setPage(0))}>
            <SelectTrigger id="recipient-status" className="w-44">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>All statuses</SelectItem>
              {(Object.keys(RECIPIENT) as RecipientStatus[]).map((s) => (
                <SelectItem key={s} value={s}>
                  {RECIPIENT[s].label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid w-full gap-2 sm:w-72">
          <Label htmlFor="recipient-search">Search</Label>
          <Input id="recipient-search" type="search" placeholder="Email or tenant" value={search} onChange={(e) => (setSearch(e.target.value), setPage(0))} />
        </div>
        <p className="pb-2 text-sm text-muted-foreground tabular-nums" aria-live="polite">
          {recipients.data ? `${recipients.data.total.toLocaleString("en")} ${recipients.data.total === 1 ? "recipient" : "recipients"}` : ""}
        </p>
      </div>
      <QueryStates query={recipients} what="recipients">
        {() => <DataTable table={table} empty={<EmptyState title="No recipients match" description="Try another status or search." />} />}
      </QueryStates>
    </div>
  );
}
