import { z } from "zod";

/** What platform staff set per tenant for voice: pacing limits and the price plan (null: the default plan). */
export const ZUpdateTenantVoiceLimitsInput = z.strictObject({
  tenantId: z.string().min(1),
  callsPerSecond: z.number().int().min(1, "at least 1 call per second").max(1000, "at most 1000 calls per second"),
  maxConcurrentCalls: z.number().int().min(0, "0 or more").max(100_000, "at most 100,000"),
  pricePlanId: z.string().min(1).nullable(),
});
export type TUpdateTenantVoiceLimitsInput = z.infer<typeof ZUpdateTenantVoiceLimitsInput>;
