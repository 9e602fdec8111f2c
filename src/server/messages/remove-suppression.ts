import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { SUPPRESSION_WRITE_ROLE } from "@/server/messages/messages.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** Takes an address off the opt-out list (the recipient asked by other means); another tenant's id is not found. */
export async function removeSuppression(actor: Actor, input: { suppressionId: string }): Promise<void> {
  assertRole(actor, SUPPRESSION_WRITE_ROLE);
  await db.$transaction(async (tx) => {
    const row = await tx.messagingSuppression.findFirst({ where: { id: input.suppressionId, tenantId: actor.tenantId } });
    if (!row) throw notFound("suppression");
    await tx.messagingSuppression.delete({ where: { id: row.id } });
    await recordAudit(tx, actor, { action: "messaging.suppression_removed", targetType: "messaging_suppression", targetId: row.id, before: { address: row.address, source: row.source, keyword: row.keyword } });
  });
}
