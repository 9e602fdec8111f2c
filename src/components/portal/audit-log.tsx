"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { ScrollTextIcon, ShieldAlertIcon } from "lucide-react";
import { DataTable } from "@/components/shared/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/format";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type AuditEntry = inferRouterOutputs<AppRouter>["audit"]["find"]["items"][number];

function describeChange(before: unknown, after: unknown): string {
  const b = before && typeof before === "object" ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === "object" ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .map((k) => (k in b && k in a ? `${k}: ${String(b[k])} → ${String(a[k])}` : k in a ? `${k}: ${String(a[k])}` : `${k}: ${String(b[k])}`))
    .join(", ");
}

const column = createColumnHelper<AuditEntry>();

const columns = [
  column.accessor("createdAt", {
    header: "When",
    meta: { className: "pl-6", headerClassName: "w-44", cellClassName: "align-top text-muted-foreground tabular-nums" },
    cell: (c) => formatDateTime(c.getValue()),
  }),
  column.display({
    id: "who",
    header: "Who",
    meta: { cellClassName: "align-top" },
    cell: ({ row: { original: e } }) => (
      <>
        {e.actor ? (
          <div className="min-w-0">
            <div className="truncate font-medium">{e.actor.name}</div>
            <div className="truncate text-xs text-muted-foreground">{e.actor.email}</div>
          </div>
        ) : e.actorApiKeyId ? (
          <span className="font-mono text-xs">API key {e.actorApiKeyId.slice(0, 10)}…</span>
        ) : (
          <span className="text-muted-foreground">System</span>
        )}
        {e.impersonator && <div className="text-xs text-warning-foreground dark:text-warning">via {e.impersonator.name} (staff)</div>}
      </>
    ),
  }),
  column.accessor("action", {
    header: "Action",
    meta: { cellClassName: "align-top" },
    cell: (c) => (
      <Badge variant="outline" className="font-mono">
        {c.getValue()}
      </Badge>
    ),
  }),
  column.display({
    id: "change",
    header: "Change",
    meta: { className: "hidden lg:table-cell", cellClassName: "max-w-md whitespace-normal align-top text-xs text-muted-foreground" },
    cell: ({ row: { original: e } }) => describeChange(e.before, e.after),
  }),
];

export function AuditLog() {
  const trpc = useTRPC();
  const entries = useInfiniteQuery(trpc.audit.find.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }));

  const header = <PageHeader title="Audit log" description="Who changed what in this workspace, newest first." className="pb-0" />;

  if (entries.isError) {
    const { appCode, form } = formErrorsFrom(entries.error);
    return (
      <div className="flex flex-col gap-6">
        {header}
        <EmptyState
          icon={<ShieldAlertIcon />}
          title={appCode === "FORBIDDEN" ? "Admins only" : "Could not load the audit log"}
          description={appCode === "FORBIDDEN" ? "Ask an admin or owner of this workspace if you need to see its audit log." : (form ?? undefined)}
        />
      </div>
    );
  }

  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="flex flex-col gap-6">
      {header}
      {entries.isPending ? (
        <Skeleton className="h-64 w-full rounded-xl" />
      ) : items.length === 0 ? (
        <EmptyState icon={<ScrollTextIcon />} title="Nothing recorded yet" description="Changes to the team, keys, webhooks and settings appear here." />
      ) : (
        <DataTable data={items} columns={columns} getRowId={(row) => row.id} className="rounded-xl bg-card text-card-foreground shadow-sm" />
      )}
      {entries.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
            {entries.isFetchingNextPage ? "Loading…" : "Load older entries"}
          </Button>
        </div>
      )}
    </div>
  );
}
