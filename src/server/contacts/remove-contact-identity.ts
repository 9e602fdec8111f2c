import { recordAudit } from "@/server/audit/record-audit";
import { CONTACT_WRITE_ROLE, loadContact, type ContactView } from "@/server/contacts/contact-view";
import { ZRemoveContactIdentityInput, type TRemoveContactIdentityInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

export async function removeContactIdentity(actor: Actor, rawInput: TRemoveContactIdentityInput): Promise<ContactView> {
  assertRole(actor, CONTACT_WRITE_ROLE);
  const { contactId, identityId } = ZRemoveContactIdentityInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    await loadContact(tx, actor.tenantId, contactId);
    const identity = await tx.contactIdentity.findFirst({ where: { id: identityId, tenantId: actor.tenantId, contactId }, select: { id: true, kind: true, value: true } });
    if (!identity) throw notFound("identity");
    await tx.contactIdentity.delete({ where: { id: identity.id } });
    await tx.contact.update({ where: { id: contactId }, data: { updatedAt: new Date() } });
    await recordAudit(tx, actor, { action: "contact.identity_removed", targetType: "contact", targetId: contactId, before: identity });
    return loadContact(tx, actor.tenantId, contactId);
  });
}
