import { recordAudit } from "@/server/audit/record-audit";
import { assertIdentitiesFree } from "@/server/contacts/contact-identity-claims";
import { CONTACT_WRITE_ROLE, loadContact, type ContactView } from "@/server/contacts/contact-view";
import { ZAddContactIdentityInput, type TAddContactIdentityInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/** Adds a phone, email or channel id; one that another contact holds is a 409 naming that contact (merge instead). */
export async function addContactIdentity(actor: Actor, rawInput: TAddContactIdentityInput): Promise<ContactView> {
  assertRole(actor, CONTACT_WRITE_ROLE);
  const { contactId, identity } = ZAddContactIdentityInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const before = await loadContact(tx, actor.tenantId, contactId);
    if (before.identities.some((i) => i.kind === identity.kind && i.value === identity.value)) return before;
    await assertIdentitiesFree(tx, actor.tenantId, [identity]);
    const id = newId("cti");
    await tx.contactIdentity.create({ data: { id, tenantId: actor.tenantId, contactId, kind: identity.kind, value: identity.value } });
    await tx.contact.update({ where: { id: contactId }, data: { updatedAt: new Date() } });
    await recordAudit(tx, actor, { action: "contact.identity_added", targetType: "contact", targetId: contactId, after: { id, ...identity } });
    return loadContact(tx, actor.tenantId, contactId);
  });
}
