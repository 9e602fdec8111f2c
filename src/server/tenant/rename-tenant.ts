import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import type { TRenameTenantInput } from "@/server/tenant/tenant.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

export async function renameTenant(actor: Actor, input: TRenameTenantInput): Promise<{ name: string }> {
  assertRole(actor, { minRole: "ADMIN" });
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { name: true } });
    if (before.name === input.name) return before;
    await tx.tenant.update({ where: { id: actor.tenantId }, data: { name: input.name } });
    await recordAudit(tx, actor, { action: "tenant.renamed", targetType: "tenant", targetId: actor.tenantId, before, after: { name: input.name } });
    return { name: input.name };
  });
}
