import { z } from "zod";

export const ZSwitchTenantInput = z.object({ tenantId: z.string().min(1).max(64) });
export const ZRenameTenantInput = z.object({ name: z.string().trim().min(2, { error: "Use at least 2 characters" }).max(100, { error: "Use at most 100 characters" }) });
export type TRenameTenantInput = z.infer<typeof ZRenameTenantInput>;
