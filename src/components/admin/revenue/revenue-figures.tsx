import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/lib/format";
import { formatCount, formatMinutes, type PlatformUsage } from "@/components/admin/revenue/revenue-types";

function Figure({ label, value, note }: { label: string; value: ReactNode; note?: ReactNode }) {
  return (
    <Card className="gap-2 py-4">
      <CardHeader className="px-4">
        <CardDescription>{label}</CardDescription>
        <CardTitle className="text-2xl tabular-nums">{value}</CardTitle>
      </CardHeader>
      {note && <CardContent className="px-4 text-xs text-muted-foreground">{note}</CardContent>}
    </Card>
  );
}

/** One amount per currency, one per line. */
function Amounts({ micros, currencies }: { micros: Record<string, bigint>; currencies: string[] }) {
  return (
    <span className="flex flex-col">
      {currencies.map((c) => (
        <span key={c}>{formatMoney(micros[c] ?? 0n, c)}</span>
      ))}
    </span>
  );
}

/** The range's totals and what is live now. */
export function UsageFigures({ usage }: { usage: PlatformUsage }) {
  const { totals, now, currencies } = usage;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      <Figure label="Calls" value={formatCount(totals.calls)} note="ended in the range, answered or not" />
      <Figure label="Billed minutes" value={formatMinutes(totals.billableSeconds)} note="as rated by each tenant's plan" />
      <Figure label="Usage revenue" value={<Amounts micros={totals.revenueMicros} currencies={currencies} />} note="rated calls, debited from credit" />
      <Figure label="Active tenants" value={formatCount(totals.activeTenants)} note={`had a call · ${formatCount(totals.newTenants)} new, ${formatCount(totals.churnedTenants)} churned`} />
      <Figure label="Calls now" value={formatCount(now.concurrentCalls)} note={`live (ringing or talking) · ${formatCount(now.queuedCalls)} queued`} />
    </div>
  );
}

/** MRR, its two parts and ARPU, per currency, with their definitions. */
export function RecurringRevenue({ usage }: { usage: PlatformUsage }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Monthly recurring revenue</CardTitle>
        <CardDescription>
          <strong>MRR (plans)</strong>: the monthly fees of the active tenants&apos; price plans. <strong>Usage run-rate</strong>: rated usage of the last {usage.runRateDays} days
          (24-hour days up to now). <strong>MRR</strong> = both. <strong>ARPU</strong> = MRR ÷ active tenants. Active: neither suspended nor deleted. Each currency on its own.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {usage.recurring.map((r) => (
          <dl key={r.currency} className="grid grid-cols-2 gap-4 sm:grid-cols-5" aria-label={`Recurring revenue in ${r.currency}`}>
            {[
              ["MRR", formatMoney(r.mrrMicros, r.currency)],
              ["MRR (plans)", formatMoney(r.mrrPlansMicros, r.currency)],
              ["Usage run-rate", formatMoney(r.usageRunRateMicros, r.currency)],
              ["ARPU", formatMoney(r.arpuMicros, r.currency)],
              ["Active tenants", `${formatCount(r.activeTenants)} (${r.currency})`],
            ].map(([term, value]) => (
              <div key={term} className="flex flex-col gap-1">
                <dt className="text-sm text-muted-foreground">{term}</dt>
                <dd className="text-xl font-semibold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        ))}
      </CardContent>
    </Card>
  );
}
