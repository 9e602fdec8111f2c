// /admin/revenue as CSV: the daily series (one revenue column per currency) or the top tenants. Amounts are exact
// decimals of the currency (6 places, from the integer micro-units); minutes are billed seconds / 60.
import { z } from "zod";
import { microsToDecimal } from "@/lib/format";
import { ZTopTenantsRank } from "@/server/admin/find-top-tenants-by-usage";
import { getPlatformUsage } from "@/server/admin/platform-usage";
import { ZUsageRangeDays } from "@/server/admin/usage-range";

/** The export's query string: what to export, and the page's range and ranking. */
export const ZPlatformUsageExportQuery = z.strictObject({
  kind: z.enum(["daily", "tenants"], { error: "daily or tenants" }),
  days: z.coerce.number().pipe(ZUsageRangeDays).default(30),
  rankBy: ZTopTenantsRank.default("minutes"),
});

/** The most tenants one export lists. */
const EXPORT_TOP_TENANTS = 1000;

const minutes = (seconds: number) => (seconds / 60).toFixed(2);

export interface CsvTable {
  name: string;
  columns: string[];
  rows: (string | number)[][];
}

export async function exportPlatformUsage(query: z.infer<typeof ZPlatformUsageExportQuery>, now = new Date()): Promise<CsvTable> {
  const usage = await getPlatformUsage({ days: query.days, rankBy: query.rankBy, top: query.kind === "tenants" ? EXPORT_TOP_TENANTS : 1 }, now);
  if (query.kind === "daily") {
    return {
      name: `usage-daily-${query.days}d`,
      columns: ["day", "calls", "billable_seconds", "billed_minutes", "active_tenants", "new_tenants", "churned_tenants", ...usage.currencies.map((c) => `revenue_${c}`)],
      rows: usage.daily.map((d) => [
        d.day,
        d.calls,
        d.billableSeconds,
        minutes(d.billableSeconds),
        d.activeTenants,
        d.newTenants,
        d.churnedTenants,
        ...usage.currencies.map((c) => microsToDecimal(d.revenueMicros[c] ?? 0n)),
      ]),
    };
  }
  return {
    name: `top-tenants-by-${query.rankBy}-${query.days}d`,
    columns: ["rank", "tenant_id", "tenant", "status", "currency", "calls", "billable_seconds", "billed_minutes", "revenue"],
    rows: usage.topTenants.map((t, i) => [i + 1, t.tenantId, t.name, t.status, t.currency, t.calls, t.billableSeconds, minutes(t.billableSeconds), microsToDecimal(t.revenueMicros)]),
  };
}
