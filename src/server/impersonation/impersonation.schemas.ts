import { z } from "zod";

/** Minutes an impersonation lasts when staff do not say (the default), and the most they may ask for. */
export const DEFAULT_IMPERSONATION_MINUTES = 30;
export const MAX_IMPERSONATION_MINUTES = 120;

export const ZStartImpersonationInput = z.object({
  tenantId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
  reason: z.string().trim().min(5, "say why, in a few words: the tenant's owner reads it in their audit log").max(500),
  minutes: z.number().int().min(5, "at least 5 minutes").max(MAX_IMPERSONATION_MINUTES, `at most ${MAX_IMPERSONATION_MINUTES} minutes`).default(DEFAULT_IMPERSONATION_MINUTES),
});
export type TStartImpersonationInput = z.input<typeof ZStartImpersonationInput>;

export const ZEnableActingInput = z.object({
  reason: z.string().trim().min(5, "say why you need to make changes: it is written to the audit log").max(500),
});
export type TEnableActingInput = z.input<typeof ZEnableActingInput>;
