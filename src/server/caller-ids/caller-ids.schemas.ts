import { z } from "zod";
import { ZE164 } from "@/server/numbers/numbers.schemas";
import { ZPageInput } from "@/server/shared/paging";

export const ZStartCallerIdVerificationInput = z.object({
  phoneNumber: ZE164,
  friendlyName: z.string().trim().max(64, "at most 64 characters").default(""),
});
export type TStartCallerIdVerificationInput = z.input<typeof ZStartCallerIdVerificationInput>;

export const ZConfirmCallerIdInput = z.object({
  id: z.string().min(1).max(64),
  code: z
    .string()
    .trim()
    .transform((c) => c.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "the 6 digits the call spoke")),
});
export type TConfirmCallerIdInput = z.input<typeof ZConfirmCallerIdInput>;

export const ZCallerIdIdInput = z.object({ id: z.string().min(1).max(64) });
export type TCallerIdIdInput = z.input<typeof ZCallerIdIdInput>;

export const ZFindCallerIdsInput = ZPageInput.extend({
  verified: z.boolean().optional(),
  /** Digits of the number (punctuation ignored) or part of its friendly name. */
  search: z.string().trim().max(64).optional(),
});

export const ZRenameCallerIdInput = z.object({ id: z.string().min(1).max(64), friendlyName: z.string().trim().max(64, "at most 64 characters") });
export type TRenameCallerIdInput = z.input<typeof ZRenameCallerIdInput>;
export type TFindCallerIdsInput = z.input<typeof ZFindCallerIdsInput>;
