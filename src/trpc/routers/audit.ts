import { ZFindAuditEntriesInput } from "@/server/audit/audit.schemas";
import { findAuditEntries } from "@/server/audit/find-audit-entries";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

export const auditRouter = createTRPCRouter({
  find: tenantProcedure({ minRole: "ADMIN" }).input(ZFindAuditEntriesInput).query(({ ctx, input }) => findAuditEntries(ctx.actor, input)),
});
