import { z } from "zod";

const ZTenantId = z.string().min(1).max(64);
/** A per-tenant cap: a whole number, or null for no limit. */
const ZOptionalCap = (what: string, max: number) => z.number().int().min(0, "0 or more").max(max, `at most ${max.toLocaleString("en")} ${what}`).nullable();

/**
 * What platform staff set per tenant: its plan (price plan; null: the platform default), voice pacing, and the
 * caps on numbers held and seats (members plus pending invitations; null: no cap). Caps left out stay as they are.
 */
export const ZUpdateTenantLimitsInput = z.strictObject({
  tenantId: ZTenantId,
  callsPerSecond: z.number().int().min(1, "at least 1 call per second").max(1000, "at most 1000 calls per second"),
  maxConcurrentCalls: z.number().int().min(0, "0 or more").max(100_000, "at most 100,000"),
  pricePlanId: z.string().min(1).nullable(),
  maxPhoneNumbers: ZOptionalCap("numbers", 100_000).optional(),
  maxSeats: ZOptionalCap("seats", 100_000).optional(),
});
export type TUpdateTenantLimitsInput = z.input<typeof ZUpdateTenantLimitsInput>;

export const ZCreateTenantInput = z.strictObject({
  name: z.string().trim().min(2, "at least 2 characters").max(100),
  ownerEmail: z.email("an email address").trim().toLowerCase().max(254),
  ownerName: z.string().trim().min(1, "the owner's name").max(100),
  pricePlanId: z.string().min(1).nullable().default(null),
  /** Opening credit in integer micro-units of USD (a ledger entry says so). */
  creditMicros: z.string().regex(/^\d{1,15}$/, "a whole number of micro-units").default("0"),
  callsPerSecond: z.number().int().min(1).max(1000).default(5),
  maxConcurrentCalls: z.number().int().min(0).max(100_000).default(50),
  maxPhoneNumbers: ZOptionalCap("numbers", 100_000).default(null),
  maxSeats: ZOptionalCap("seats", 100_000).default(null),
});
export type TCreateTenantInput = z.input<typeof ZCreateTenantInput>;

export const ZDeleteTenantInput = z.strictObject({
  tenantId: ZTenantId,
  reason: z.string().trim().min(3, "say why: it is kept in the platform audit log").max(300),
  /** The tenant's name typed again: deleting is not a click to make by accident. */
  confirmName: z.string().max(100),
});
export type TDeleteTenantInput = z.input<typeof ZDeleteTenantInput>;

export const ZTenantIdInput = z.strictObject({ tenantId: ZTenantId });
