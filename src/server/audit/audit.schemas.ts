import type { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

export const ZFindAuditEntriesInput = ZPageInput;
export type TFindAuditEntriesInput = z.infer<typeof ZFindAuditEntriesInput>;
