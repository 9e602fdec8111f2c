"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DownloadIcon } from "lucide-react";
import { useState } from "react";
import { PricePlanFees } from "@/components/admin/revenue/price-plan-fees";
import { RecurringRevenue, UsageFigures } from "@/components/admin/revenue/revenue-figures";
import { UsageCharts } from "@/components/admin/revenue/usage-charts";
import { MonthlyUsageTable, TopTenantsTable } from "@/components/admin/revenue/usage-tables";
import { QueryStates } from "@/components/shared/query-states";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useTRPC } from "@/trpc/react";

const RANGES = [7, 30, 90] as const;
type Days = (typeof RANGES)[number];

/** Usage and revenue of the whole platform over the last 7, 30 or 90 UTC days, with CSV exports. */
export function PlatformRevenuePanel() {
  const trpc = useTRPC();
  const [days, setDays] = useState<Days>(30);
  const [rankBy, setRankBy] = useState<"minutes" | "revenue">("minutes");
  const [chosenCurrency, setCurrency] = useState<string | null>(null);
  const usage = useQuery(trpc.admin.usage.queryOptions({ days, rankBy }, { placeholderData: keepPreviousData }));
  const exportHref = (kind: "daily" | "tenants") => `/admin/revenue/export?${new URLSearchParams({ kind, days: String(days), rankBy })}`;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <Tabs value={String(days)} onValueChange={(v) => setDays(Number(v) as Days)}>
          <TabsList aria-label="Date range">
            {RANGES.map((d) => (
              <TabsTrigger key={d} value={String(d)}>
                {d} days
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline" size="sm">
            <a href={exportHref("daily")} download>
              <DownloadIcon /> Daily CSV
            </a>
          </Button>
          <Button asChild variant="outline" size="sm">
            <a href={exportHref("tenants")} download>
              <DownloadIcon /> Top tenants CSV
            </a>
          </Button>
        </div>
      </div>
      <QueryStates query={usage} what="usage and revenue" loading={<Skeleton className="h-96 w-full rounded-xl" />}>
        {(data) => {
          // The revenue chart's currency: the one chosen, else the one that brought in most in the range.
          const currency =
            chosenCurrency && data.currencies.includes(chosenCurrency)
              ? chosenCurrency
              : [...data.currencies].sort((a, b) => Number((data.totals.revenueMicros[b] ?? 0n) - (data.totals.revenueMicros[a] ?? 0n)))[0]!;
          return (
            <div className="flex flex-col gap-6" aria-busy={usage.isFetching}>
              <p className="text-sm text-muted-foreground">
                {data.daily[0]?.day} to {data.daily.at(-1)?.day} (UTC days, today so far). A call counts on the day it ended, when it was rated and debited.
              </p>
              <UsageFigures usage={data} />
              <RecurringRevenue usage={data} />
              <UsageCharts usage={data} currency={currency} onCurrencyChange={setCurrency} />
              <TopTenantsTable usage={data} onRankChange={setRankBy} />
              <MonthlyUsageTable usage={data} />
              <PricePlanFees />
            </div>
          );
        }}
      </QueryStates>
    </div>
  );
}
