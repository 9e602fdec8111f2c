import { z } from "zod";

export const ZFlagKey = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, "lower_snake_case: letters, digits and _; starts with a letter");

export const ZUpsertFlagInput = z.object({
  key: ZFlagKey,
  description: z.string().trim().max(200).default(""),
  enabled: z.boolean(),
  rolloutPercent: z.number().int("a whole percentage").min(0, "0 to 100").max(100, "0 to 100"),
});
export type TUpsertFlagInput = z.input<typeof ZUpsertFlagInput>;

export const ZFlagOverrideInput = z.object({ key: ZFlagKey, tenantId: z.string().min(1).max(64), enabled: z.boolean().nullable() });
export type TFlagOverrideInput = z.input<typeof ZFlagOverrideInput>;
