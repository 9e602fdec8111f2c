"use client";

// The tenants list of /admin: searched, filtered, sorted and paged on the server (admin.tenants), its state in the
// address (tenants/tenant-list-params.ts). Each name opens the tenant's page; operators act on a row in place.
import type { ReactNode } from "react";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable, type SortingState, type Updater } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { BuildingIcon, SearchXIcon } from "lucide-react";
import Link from "next/link";
import { adminTenantHref } from "@/components/admin/admin-links";
import { AssignNumberDialog } from "@/components/admin/assign-number-dialog";
import { TenantAccessActions } from "@/components/admin/tenant-access-actions";
import { TenantLimitsDialog } from "@/components/admin/tenant-limits-dialog";
import { TenantFilterBar } from "@/components/admin/tenants/tenant-filter-bar";
import { PAGE_SIZE, toFindTenantsInput, useTenantListState, type TenantListState } from "@/components/admin/tenants/tenant-list-params";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { DataTable } from "@/components/shared/data-table";
import { QueryStates } from "@/components/shared/query-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, formatMoney } from "@/lib/format";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type TenantRow = inferRouterOutputs<AppRouter>["admin"]["tenants"]["items"][number];

const column = createColumnHelper<TenantRow>();

/** Actions on a tenant are for operators and owners; support staff see the values only. */
function OperatorOnly({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return useStaffCan("OPERATOR") ? <>{children}</> : <span className="text-sm text-muted-foreground">{fallback}</span>;
}

function TenantStatus({ tenant }: { tenant: TenantRow }) {
  if (tenant.deletionRequestedAt) return <Badge variant="destructive" title={tenant.purgeAfter ? `purged after ${formatDate(tenant.purgeAfter)}` : undefined}>Deletion pending</Badge>;
  if (tenant.status === "ACTIVE") return <Badge variant="success">Active</Badge>;
  return (
    <Badge variant="destructive" title={tenant.suspendedReason ?? undefined}>
      Suspended
    </Badge>
  );
}

// Column ids are the server's sort keys: a sortable header sorts the whole list, not the page.
const columns = [
  column.accessor("name", {
    id: "name",
    header: "Tenant",
    meta: { className: "pl-6" },
    cell: (c) => (
      <div className="min-w-40">
        <Link href={adminTenantHref(c.row.original.id)} className="font-medium underline-offset-4 hover:underline focus-visible:underline">
          {c.getValue()}
        </Link>
        <div className="font-mono text-xs text-muted-foreground">{c.row.original.id}</div>
        {c.row.original.ownerEmail && <div className="text-xs text-muted-foreground">{c.row.original.ownerEmail}</div>}
      </div>
    ),
  }),
  column.accessor("status", {
    id: "status",
    header: "Status",
    cell: (c) => (
      <div className="flex flex-col items-start gap-1">
        <TenantStatus tenant={c.row.original} />
        <span className="text-xs text-muted-foreground">{c.row.original.pricePlanName ?? "Default plan"}</span>
      </div>
    ),
  }),
  column.accessor("memberCount", { id: "members", header: "Members", enableSorting: false, meta: { className: "hidden text-right 2xl:table-cell", cellClassName: "tabular-nums" } }),
  column.accessor("callsLast30Days", {
    id: "usage",
    header: () => <span title="Calls started in the last 30 days (UTC)">Calls, 30 d</span>,
    sortDescFirst: true,
    meta: { className: "text-right", cellClassName: "tabular-nums" },
    cell: (c) => c.getValue().toLocaleString("en"),
  }),
  column.accessor("creditMicros", {
    id: "credit",
    header: "Credit",
    sortDescFirst: true,
    meta: { className: "hidden text-right md:table-cell", cellClassName: "tabular-nums" },
    cell: (c) => formatMoney(c.getValue(), c.row.original.currency),
  }),
  column.accessor("callsPerSecond", {
    id: "limits",
    header: "Limits",
    enableSorting: false,
    cell: (c) => (
      <OperatorOnly fallback={`${c.row.original.callsPerSecond}/s · ${c.row.original.maxConcurrentCalls}`}>
        <TenantLimitsDialog tenant={c.row.original} />
      </OperatorOnly>
    ),
  }),
  column.display({
    id: "numbers",
    header: "Numbers",
    cell: (c) => (
      <OperatorOnly>
        <AssignNumberDialog tenant={c.row.original} />
      </OperatorOnly>
    ),
  }),
  column.display({
    id: "access",
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => (
      <OperatorOnly>
        <TenantAccessActions tenant={c.row.original} />
      </OperatorOnly>
    ),
  }),
  column.accessor("createdAt", {
    id: "created",
    header: "Created",
    sortDescFirst: true,
    meta: { className: "hidden pr-6 md:table-cell", cellClassName: "text-muted-foreground whitespace-nowrap" },
    cell: (c) => formatDate(c.getValue()),
  }),
];

const apply = <T,>(updater: Updater<T>, old: T): T => (typeof updater === "function" ? (updater as (old: T) => T)(old) : updater);

function TenantsPage({ data, state, update }: { data: { items: TenantRow[]; total: number }; state: TenantListState; update: (patch: Partial<TenantListState>) => void }) {
  const sorting: SortingState = [{ id: state.sort, desc: state.dir === "desc" }];
  const table = useReactTable({
    data: data.items,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    rowCount: data.total,
    state: { sorting, pagination: { pageIndex: state.page - 1, pageSize: PAGE_SIZE } },
    onSortingChange: (updater) => {
      // A third click (no sort) flips back to the first direction rather than dropping the sort.
      const next = apply(updater, sorting)[0] ?? { id: state.sort, desc: state.dir !== "desc" };
      update({ sort: next.id as TenantListState["sort"], dir: next.desc ? "desc" : "asc" });
    },
    onPaginationChange: (updater) => update({ page: apply(updater, { pageIndex: state.page - 1, pageSize: PAGE_SIZE }).pageIndex + 1 }),
  });
  return <DataTable table={table} className="rounded-xl bg-card text-card-foreground shadow-sm" />;
}

export function TenantsTable() {
  const trpc = useTRPC();
  const { state, update, filtered, clear } = useTenantListState();
  const tenants = useQuery(trpc.admin.tenants.queryOptions(toFindTenantsInput(state), { placeholderData: keepPreviousData }));
  const shown = tenants.data;
  // While a new search, filter or page loads, the previous one stays on screen, dimmed.
  const stale = tenants.isPlaceholderData;
  return (
    <div className="flex flex-col gap-4" aria-busy={stale || undefined}>
      <TenantFilterBar state={state} onChange={update} filtered={filtered} onClear={clear} />
      <p className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
        {shown ? `${shown.total.toLocaleString("en")} ${shown.total === 1 ? `tenant${filtered ? " matches" : ""}` : `tenants${filtered ? " match" : ""}`}` : " "}
      </p>
      <div className={cn("transition-opacity", stale && "opacity-60")}>
        <QueryStates
          query={tenants}
          what="tenants"
          loading={<Skeleton className="h-64 w-full rounded-xl" />}
          isEmpty={(page) => page.total === 0}
          empty={
            filtered ? (
              <EmptyState icon={<SearchXIcon />} title="No tenants match" description="Nothing matches this search and these filters." action={<Button variant="outline" onClick={clear}>Clear filters</Button>} />
            ) : (
              <EmptyState icon={<BuildingIcon />} title="No tenants yet" description="Workspaces appear here as people sign up." />
            )
          }
        >
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState icon={<SearchXIcon />} title="No tenants on this page" description={`There are ${page.total.toLocaleString("en")}; this page is past the last one.`} action={<Button variant="outline" onClick={() => update({ page: 1 })}>First page</Button>} />
            ) : (
              <TenantsPage data={page} state={state} update={update} />
            )
          }
        </QueryStates>
      </div>
    </div>
  );
}
