import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { DEFAULT_PRICE_PLAN, loadTenantPricePlan, rateCall, type PricePlanRates } from "@/server/billing/price-plan";
import { newId } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

const perSecond: PricePlanRates = { id: "pp", name: "per second", outboundMicrosPerMinute: 10_000n, inboundMicrosPerMinute: 6_000n, billingIncrementSeconds: 1, minimumBillableSeconds: 0 };
const sixBySix: PricePlanRates = { ...perSecond, name: "6/6, 30 s minimum", billingIncrementSeconds: 6, minimumBillableSeconds: 30 };

describe("rateCall", () => {
  it("bills the default plan per started minute", () => {
    expect(rateCall(DEFAULT_PRICE_PLAN, "OUTBOUND_API", 1)).toEqual({ ratePerMinuteMicros: 14_000n, billingIncrementSeconds: 60, billableSeconds: 60, costMicros: 14_000n });
    expect(rateCall(DEFAULT_PRICE_PLAN, "OUTBOUND_API", 60).costMicros).toBe(14_000n);
    expect(rateCall(DEFAULT_PRICE_PLAN, "OUTBOUND_API", 61)).toMatchObject({ billableSeconds: 120, costMicros: 28_000n });
    expect(rateCall(DEFAULT_PRICE_PLAN, "OUTBOUND_DIAL", 125)).toMatchObject({ billableSeconds: 180, costMicros: 42_000n });
    expect(rateCall(DEFAULT_PRICE_PLAN, "INBOUND", 90)).toMatchObject({ ratePerMinuteMicros: 8_500n, billableSeconds: 120, costMicros: 17_000n });
  });

  it("charges nothing for unanswered legs", () => {
    expect(rateCall(DEFAULT_PRICE_PLAN, "OUTBOUND_API", 0)).toMatchObject({ billableSeconds: 0, costMicros: 0n });
    expect(rateCall(sixBySix, "OUTBOUND_API", 0)).toMatchObject({ billableSeconds: 0, costMicros: 0n });
  });

  it("prices per second pro rata, rounding a fraction of a micro up", () => {
    expect(rateCall(perSecond, "OUTBOUND_API", 7)).toMatchObject({ billableSeconds: 7, costMicros: 1_167n }); // 1166.67
    expect(rateCall(perSecond, "OUTBOUND_API", 60).costMicros).toBe(10_000n);
    expect(rateCall(perSecond, "INBOUND", 10).costMicros).toBe(1_000n);
  });

  it("applies the minimum, then the increment", () => {
    expect(rateCall(sixBySix, "OUTBOUND_API", 5).billableSeconds).toBe(30);
    expect(rateCall(sixBySix, "OUTBOUND_API", 31).billableSeconds).toBe(36);
    expect(rateCall(sixBySix, "OUTBOUND_API", 36)).toMatchObject({ billableSeconds: 36, costMicros: 6_000n });
  });

  it("stays exact in integers for long calls at high rates", () => {
    const pricey: PricePlanRates = { ...perSecond, outboundMicrosPerMinute: 123_456_789n };
    expect(rateCall(pricey, "OUTBOUND_API", 14_400).costMicros).toBe(123_456_789n * 240n);
  });
});

describe("loadTenantPricePlan", () => {
  it("returns the tenant's plan, or the default plan", async () => {
    const { tenant } = await createTestTenant();
    expect(await loadTenantPricePlan(db, tenant.id)).toBe(DEFAULT_PRICE_PLAN);
    const plan = await db.pricePlan.create({ data: { id: newId("pp"), name: `wholesale ${tenant.id}`, outboundMicrosPerMinute: 9_000n, inboundMicrosPerMinute: 4_000n, billingIncrementSeconds: 6, minimumBillableSeconds: 6 } });
    await db.tenant.update({ where: { id: tenant.id }, data: { pricePlanId: plan.id } });
    expect(await loadTenantPricePlan(db, tenant.id)).toEqual({ id: plan.id, name: plan.name, outboundMicrosPerMinute: 9_000n, inboundMicrosPerMinute: 4_000n, billingIncrementSeconds: 6, minimumBillableSeconds: 6 });
  });
});
