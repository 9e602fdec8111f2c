import { CONTACT_SELECT, toContactView, type ContactView } from "@/server/contacts/contact-view";
import { ZFindOrCreateContactByIdentityInput, type TFindOrCreateContactByIdentityInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";

/**
 * The contact an inbound message or call comes from, created (named after the identity unless a name is given) when
 * the tenant has none yet. The platform calls this, not a member, so it takes the tenant id and writes no audit entry.
 * Two concurrent first messages from one sender make one contact: the unique identity decides, the loser reads it.
 */
export async function findOrCreateContactByIdentity(tenantId: string, rawInput: TFindOrCreateContactByIdentityInput): Promise<{ contact: ContactView; created: boolean }> {
  const { identity, displayName } = ZFindOrCreateContactByIdentityInput.parse(rawInput);
  const find = () => db.contact.findFirst({ where: { tenantId, identities: { some: { kind: identity.kind, value: identity.value } } }, select: CONTACT_SELECT });
  const existing = await find();
  if (existing) return { contact: toContactView(existing), created: false };
  const id = newId("ct");
  try {
    await db.$transaction([
      db.contact.create({ data: { id, tenantId, displayName: displayName ?? identity.value, tags: [] } }),
      db.contactIdentity.create({ data: { id: newId("cti"), tenantId, contactId: id, kind: identity.kind, value: identity.value } }),
    ]);
  } catch (err) {
    const winner = await find();
    if (winner) return { contact: toContactView(winner), created: false };
    throw err;
  }
  const created = await db.contact.findFirstOrThrow({ where: { id, tenantId }, select: CONTACT_SELECT });
  return { contact: toContactView(created), created: true };
}
