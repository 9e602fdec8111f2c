"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { PhoneIcon } from "lucide-react";
import Link from "next/link";
import { adminTenantHref } from "@/components/admin/admin-links";
import { DataTable } from "@/components/shared/data-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatMoney } from "@/lib/format";
import { formatCount, formatMinutes, type PlatformUsage } from "@/components/admin/revenue/revenue-types";

type MonthRow = PlatformUsage["monthly"][number];
type TenantRow = PlatformUsage["topTenants"][number];

const monthLabel = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });
const numeric = { className: "text-right", cellClassName: "tabular-nums" };

function monthColumns(currencies: string[]) {
  const column = createColumnHelper<MonthRow>();
  return [
    column.accessor("month", { header: "Month", meta: { className: "pl-6" }, cell: (c) => monthLabel.format(new Date(`${c.getValue()}-01T00:00:00Z`)) }),
    column.accessor("calls", { header: "Calls", meta: numeric, cell: (c) => formatCount(c.getValue()) }),
    column.accessor("billableSeconds", { header: "Billed minutes", meta: numeric, cell: (c) => formatMinutes(c.getValue()) }),
    ...currencies.map((currency) =>
      column.accessor((row) => row.revenueMicros[currency] ?? 0n, { id: `revenue-${currency}`, header: `Revenue (${currency})`, meta: numeric, cell: (c) => formatMoney(c.getValue(), currency) }),
    ),
    column.accessor("newTenants", { header: "New tenants", meta: numeric }),
    column.accessor("churnedTenants", { header: "Churned", meta: { ...numeric, className: "pr-6 text-right" } }),
  ];
}

/** The range month by month (the first and last months only as far as the range reaches). */
export function MonthlyUsageTable({ usage }: { usage: PlatformUsage }) {
  return (
    <Card className="gap-4 pb-0">
      <CardHeader>
        <CardTitle className="text-base">By month</CardTitle>
        <CardDescription>The days of the range in each calendar month (UTC).</CardDescription>
      </CardHeader>
      <DataTable data={usage.monthly} columns={monthColumns(usage.currencies)} getRowId={(row) => row.month} className="rounded-none border-0 border-t" />
    </Card>
  );
}

const tenantColumn = createColumnHelper<TenantRow>();
const tenantColumns = [
  tenantColumn.display({ id: "rank", header: "#", meta: { className: "hidden w-10 pl-6 sm:table-cell", cellClassName: "tabular-nums text-muted-foreground" }, cell: (c) => c.row.index + 1 }),
  tenantColumn.accessor("name", {
    header: "Tenant",
    meta: { className: "pl-6 sm:pl-2" },
    cell: (c) => (
      <>
        <Link href={adminTenantHref(c.row.original.tenantId)} className="font-medium underline-offset-4 hover:underline">
          {c.getValue()}
        </Link>
        <div className="font-mono text-xs text-muted-foreground">{c.row.original.tenantId}</div>
      </>
    ),
  }),
  tenantColumn.accessor("status", {
    header: "Status",
    meta: { className: "hidden sm:table-cell" },
    cell: (c) => <Badge variant={c.getValue() === "ACTIVE" ? "success" : "destructive"}>{c.getValue() === "ACTIVE" ? "Active" : "Suspended"}</Badge>,
  }),
  tenantColumn.accessor("calls", { header: "Calls", meta: { ...numeric, className: "hidden text-right md:table-cell" }, cell: (c) => formatCount(c.getValue()) }),
  tenantColumn.accessor("billableSeconds", { header: "Minutes", meta: numeric, cell: (c) => formatMinutes(c.getValue()) }),
  tenantColumn.accessor("revenueMicros", { header: "Revenue", meta: { ...numeric, className: "pr-6 text-right" }, cell: (c) => formatMoney(c.getValue(), c.row.original.currency) }),
];

/** The ten tenants that used the platform most in the range, by billed minutes or by revenue. */
export function TopTenantsTable({ usage, onRankChange }: { usage: PlatformUsage; onRankChange: (rankBy: "minutes" | "revenue") => void }) {
  return (
    <Card className="gap-4 pb-0">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="flex flex-col gap-1.5">
          <CardTitle className="text-base">Top tenants</CardTitle>
          <CardDescription>By billed minutes or by revenue in the range; revenue in each tenant&apos;s currency.</CardDescription>
        </div>
        <Tabs value={usage.rankBy} onValueChange={(v) => onRankChange(v as "minutes" | "revenue")}>
          <TabsList aria-label="Rank top tenants by">
            <TabsTrigger value="minutes">Minutes</TabsTrigger>
            <TabsTrigger value="revenue">Revenue</TabsTrigger>
          </TabsList>
        </Tabs>
      </CardHeader>
      {usage.topTenants.length === 0 ? (
        <CardContent className="pb-6">
          <EmptyState icon={<PhoneIcon />} title="No calls in this range" description="Tenants appear here once their calls end and are rated." />
        </CardContent>
      ) : (
        <DataTable data={usage.topTenants} columns={tenantColumns} getRowId={(row) => `${row.tenantId}-${row.currency}`} className="rounded-none border-0 border-t" />
      )}
    </Card>
  );
}
