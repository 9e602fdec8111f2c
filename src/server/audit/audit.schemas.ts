import { z } from "zod";

export const ZFindAuditEntriesInput = z.object({
  cursor: z.string().max(64).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TFindAuditEntriesInput = z.infer<typeof ZFindAuditEntriesInput>;
