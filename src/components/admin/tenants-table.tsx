"use client";

import type { ReactNode } from "react";

import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { BuildingIcon } from "lucide-react";
import { DataTable } from "@/components/shared/data-table";
import { QueryStates } from "@/components/shared/query-states";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { AssignNumberDialog } from "@/components/admin/assign-number-dialog";
import { TenantAccessActions } from "@/components/admin/tenant-access-actions";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { TenantLimitsDialog } from "@/components/admin/tenant-limits-dialog";
import { formatDate, formatMoney } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type TenantRow = inferRouterOutputs<AppRouter>["admin"]["tenants"][number];

const column = createColumnHelper<TenantRow>();

/** Actions on a tenant are for operators and owners; support staff see the values only. */
function OperatorOnly({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return useStaffCan("OPERATOR") ? <>{children}</> : <span className="text-sm text-muted-foreground">{fallback}</span>;
}

const columns = [
  column.accessor("name", {
    header: "Tenant",
    meta: { className: "pl-6" },
    cell: (c) => (
      <>
        <div className="font-medium">{c.getValue()}</div>
        <div className="font-mono text-xs text-muted-foreground">{c.row.original.id}</div>
      </>
    ),
  }),
  column.accessor("status", {
    header: "Status",
    cell: (c) =>
      c.getValue() === "ACTIVE" ? (
        <Badge variant="success">Active</Badge>
      ) : (
        <Badge variant="destructive" title={c.row.original.suspendedReason ?? undefined}>
          Suspended
        </Badge>
      ),
  }),
  column.accessor("memberCount", { header: "Members", meta: { className: "text-right", cellClassName: "tabular-nums" } }),
  column.accessor("creditMicros", {
    header: "Credit",
    meta: { className: "hidden text-right md:table-cell", cellClassName: "tabular-nums" },
    cell: (c) => formatMoney(c.getValue(), c.row.original.currency),
  }),
  column.accessor("callsPerSecond", {
    header: "Voice limits",
    enableSorting: false,
    cell: (c) => <OperatorOnly fallback={`${c.row.original.callsPerSecond}/s · ${c.row.original.maxConcurrentCalls}`}><TenantLimitsDialog tenant={c.row.original} /></OperatorOnly>,
  }),
  column.display({
    id: "numbers",
    header: "Numbers",
    cell: (c) => <OperatorOnly><AssignNumberDialog tenant={c.row.original} /></OperatorOnly>,
  }),
  column.display({
    id: "access",
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => <OperatorOnly><TenantAccessActions tenant={c.row.original} /></OperatorOnly>,
  }),
  column.accessor("createdAt", {
    header: "Created",
    meta: { className: "hidden pr-6 md:table-cell", cellClassName: "text-muted-foreground" },
    cell: (c) => formatDate(c.getValue()),
  }),
];

export function TenantsTable() {
  const trpc = useTRPC();
  const tenants = useQuery(trpc.admin.tenants.queryOptions());
  return (
    <QueryStates
      query={tenants}
      what="tenants"
      loading={<Skeleton className="h-64 w-full rounded-xl" />}
      isEmpty={(rows) => rows.length === 0}
      empty={<EmptyState icon={<BuildingIcon />} title="No tenants yet" description="Workspaces appear here as people sign up." />}
    >
      {(rows) => <DataTable data={rows} columns={columns} getRowId={(row) => row.id} className="rounded-xl bg-card text-card-foreground shadow-sm" />}
    </QueryStates>
  );
}
