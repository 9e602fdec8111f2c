import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { SuppressionView } from "@/server/messages/find-suppressions";
import { SUPPRESSION_WRITE_ROLE, ZAddSuppressionInput, type TAddSuppressionInput } from "@/server/messages/messages.schemas";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/** Adds an address to the opt-out list by hand: later sends to it are refused (21610). */
export async function addSuppression(actor: Actor, rawInput: TAddSuppressionInput): Promise<SuppressionView> {
  assertRole(actor, SUPPRESSION_WRITE_ROLE);
  const input = ZAddSuppressionInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const existing = await tx.messagingSuppression.findUnique({ where: { tenantId_address: { tenantId: actor.tenantId, address: input.address } } });
    if (existing) throw new AppError("CONFLICT", `${input.address} is already on the suppression list`, { details: { fieldErrors: { address: ["already suppressed"] } } });
    const row = await tx.messagingSuppression.create({
      data: { id: newId("sup"), tenantId: actor.tenantId, address: input.address, source: "manual", note: input.note },
      select: { id: true, address: true, source: true, keyword: true, note: true, createdAt: true },
    });
    await recordAudit(tx, actor, { action: "messaging.suppression_added", targetType: "messaging_suppression", targetId: row.id, after: { address: row.address, note: row.note } });
    return row;
  });
}
