// What the portal and API see of a connected WhatsApp number: never the token, only its last four.
export const WHATSAPP_NUMBER_SELECT = { id: true, tenantId: true, phoneNumberId: true, wabaId: true, e164: true, hint: true, createdAt: true, updatedAt: true } as const;

export interface WhatsAppNumberView {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  e164: string;
  tokenHint: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toWhatsAppNumberView(r: { id: string; phoneNumberId: string; wabaId: string; e164: string; hint: string; createdAt: Date; updatedAt: Date }): WhatsAppNumberView {
  return { id: r.id, phoneNumberId: r.phoneNumberId, wabaId: r.wabaId, e164: r.e164, tokenHint: r.hint, createdAt: r.createdAt, updatedAt: r.updatedAt };
}
