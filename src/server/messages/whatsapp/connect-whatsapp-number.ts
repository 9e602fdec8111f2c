import { recordAudit } from "@/server/audit/record-audit";
import { sealSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { AppError, fieldError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { WHATSAPP_ADMIN_ROLE, ZConnectWhatsAppNumberInput, type TConnectWhatsAppNumberInput } from "./whatsapp.schemas";
import { toWhatsAppNumberView, WHATSAPP_NUMBER_SELECT, type WhatsAppNumberView } from "./whatsapp-number-view";

/**
 * Connects a WhatsApp Business phone number (Meta's phone number id, the WABA, the number and a system-user token,
 * sealed; write-only, its last four shown). Connecting it again replaces the token. A number another account
 * connected is refused naming `phoneNumberId` (its webhooks can belong to one account only).
 */
export async function connectWhatsAppNumber(actor: Actor, rawInput: TConnectWhatsAppNumberInput): Promise<WhatsAppNumberView> {
  assertRole(actor, WHATSAPP_ADMIN_ROLE);
  const input = ZConnectWhatsAppNumberInput.parse(rawInput);
  const row = await db.$transaction(async (tx) => {
    const existing = await tx.whatsAppNumber.findUnique({ where: { phoneNumberId: input.phoneNumberId }, select: { id: true, tenantId: true, e164: true } });
    if (existing && existing.tenantId !== actor.tenantId) throw fieldError("phoneNumberId", "this WhatsApp number is connected to another account");
    const sameNumber = await tx.whatsAppNumber.findUnique({ where: { tenantId_e164: { tenantId: actor.tenantId, e164: input.e164 } }, select: { id: true } });
    if (sameNumber && sameNumber.id !== existing?.id) throw fieldError("e164", `${input.e164} is already connected with another phone number id`);
    const data = { wabaId: input.wabaId, e164: input.e164, accessTokenCipher: sealSecret(input.accessToken), hint: input.accessToken.slice(-4) };
    const saved = existing
      ? await tx.whatsAppNumber.update({ where: { id: existing.id }, data, select: WHATSAPP_NUMBER_SELECT })
      : await tx.whatsAppNumber.create({ data: { id: newId("wan"), tenantId: actor.tenantId, phoneNumberId: input.phoneNumberId, ...data }, select: WHATSAPP_NUMBER_SELECT });
    await recordAudit(tx, actor, {
      action: existing ? "whatsapp.number_updated" : "whatsapp.number_connected",
      targetType: "whatsapp_number",
      targetId: saved.id,
      before: existing ? { e164: existing.e164 } : null,
      after: { e164: saved.e164, phoneNumberId: saved.phoneNumberId, wabaId: saved.wabaId, hint: saved.hint },
    });
    return saved;
  });
  if (!row) throw new AppError("NOT_FOUND", "WhatsApp number not found");
  return toWhatsAppNumberView(row);
}
