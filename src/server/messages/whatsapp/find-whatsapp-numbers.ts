import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { WHATSAPP_ADMIN_ROLE } from "./whatsapp.schemas";
import { toWhatsAppNumberView, WHATSAPP_NUMBER_SELECT, type WhatsAppNumberView } from "./whatsapp-number-view";

/** The account's connected WhatsApp numbers. */
export async function findWhatsAppNumbers(actor: Actor): Promise<WhatsAppNumberView[]> {
  assertRole(actor, WHATSAPP_ADMIN_ROLE);
  const rows = await db.whatsAppNumber.findMany({ where: { tenantId: actor.tenantId }, select: WHATSAPP_NUMBER_SELECT, orderBy: { createdAt: "asc" } });
  return rows.map(toWhatsAppNumberView);
}
