import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { WHATSAPP_ADMIN_ROLE } from "./whatsapp.schemas";

/** Forgets a connected WhatsApp number and its token; another account's number reads as not found. */
export async function disconnectWhatsAppNumber(actor: Actor, input: { whatsAppNumberId: string }): Promise<{ id: string }> {
  assertRole(actor, WHATSAPP_ADMIN_ROLE);
  return db.$transaction(async (tx) => {
    const row = await tx.whatsAppNumber.findFirst({ where: { id: input.whatsAppNumberId, tenantId: actor.tenantId }, select: { id: true, e164: true, phoneNumberId: true } });
    if (!row) throw new AppError("NOT_FOUND", "WhatsApp number not found");
    await tx.whatsAppNumber.delete({ where: { id: row.id } });
    await recordAudit(tx, actor, { action: "whatsapp.number_disconnected", targetType: "whatsapp_number", targetId: row.id, before: { e164: row.e164, phoneNumberId: row.phoneNumberId }, after: null });
    return { id: row.id };
  });
}
