import { recordAudit } from "@/server/audit/record-audit";
import { CONTACT_ADMIN_ROLE, loadContact, type ContactView } from "@/server/contacts/contact-view";
import { ZContactIdInput, type TContactIdInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";

/** Deletes the contact with its identities and notes; its calls stay (they never pointed at it). */
export async function deleteContact(actor: Actor, rawInput: TContactIdInput): Promise<ContactView> {
  assertRole(actor, CONTACT_ADMIN_ROLE);
  const { id } = ZContactIdInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const before = await loadContact(tx, actor.tenantId, id);
    await tx.contact.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "contact.deleted", targetType: "contact", targetId: id, before });
    return before;
  });
}
