// Voice rating: a tenant's PricePlan (or the platform default) and the one function that turns billable seconds
// into a cost. Integers only: rates and costs are micro-units of the tenant's currency, rounded up.
import type { CallDirection } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";

export interface PricePlanRates {
  /** null for the platform default plan. */
  id: string | null;
  name: string;
  outboundMicrosPerMinute: bigint;
  inboundMicrosPerMinute: bigint;
  /** Billable time is rounded up to a multiple of this (60: per minute, 1: per second). */
  billingIncrementSeconds: number;
  /** Answered calls shorter than this are billed as this long. */
  minimumBillableSeconds: number;
}

/** Tenants without a plan: 0.014 per outbound minute, 0.0085 per inbound minute, billed per started minute. */
export const DEFAULT_PRICE_PLAN: PricePlanRates = {
  id: null,
  name: "default",
  outboundMicrosPerMinute: 14_000n,
  inboundMicrosPerMinute: 8_500n,
  billingIncrementSeconds: 60,
  minimumBillableSeconds: 0,
};

export interface CallRating {
  ratePerMinuteMicros: bigint;
  billingIncrementSeconds: number;
  billableSeconds: number;
  costMicros: bigint;
}

/**
 * The cost of a leg that was answered for `billsec` seconds. Unanswered legs (billsec 0) cost nothing; otherwise
 * billsec is raised to the plan's minimum, rounded up to its increment, and priced pro rata, rounding up to a micro.
 */
export function rateCall(plan: PricePlanRates, direction: CallDirection, billsec: number): CallRating {
  const ratePerMinuteMicros = direction === "INBOUND" ? plan.inboundMicrosPerMinute : plan.outboundMicrosPerMinute;
  const increment = Math.max(1, plan.billingIncrementSeconds);
  const seconds = Math.max(0, Math.floor(billsec));
  if (seconds === 0) return { ratePerMinuteMicros, billingIncrementSeconds: increment, billableSeconds: 0, costMicros: 0n };
  const atLeast = Math.max(seconds, plan.minimumBillableSeconds);
  const billableSeconds = Math.ceil(atLeast / increment) * increment;
  const costMicros = (ratePerMinuteMicros * BigInt(billableSeconds) + 59n) / 60n;
  return { ratePerMinuteMicros, billingIncrementSeconds: increment, billableSeconds, costMicros };
}

/** The tenant's plan, or the default plan when it has none. */
export async function loadTenantPricePlan(client: DbOrTx, tenantId: string): Promise<PricePlanRates> {
  return (await loadTenantPricePlans(client, [tenantId])).get(tenantId) ?? DEFAULT_PRICE_PLAN;
}

/** Each tenant's plan (the default plan for a tenant without one), in one query. */
export async function loadTenantPricePlans(client: DbOrTx, tenantIds: readonly string[]): Promise<Map<string, PricePlanRates>> {
  const tenants = await client.tenant.findMany({ where: { id: { in: [...new Set(tenantIds)] } }, select: { id: true, pricePlan: true } });
  const plans = new Map<string, PricePlanRates>();
  for (const { id, pricePlan: plan } of tenants) {
    plans.set(
      id,
      plan
        ? {
            id: plan.id,
            name: plan.name,
            outboundMicrosPerMinute: plan.outboundMicrosPerMinute,
            inboundMicrosPerMinute: plan.inboundMicrosPerMinute,
            billingIncrementSeconds: plan.billingIncrementSeconds,
            minimumBillableSeconds: plan.minimumBillableSeconds,
          }
        : DEFAULT_PRICE_PLAN,
    );
  }
  return plans;
}
