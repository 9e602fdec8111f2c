import { recordAudit } from "@/server/audit/record-audit";
import { applyFieldValues, loadFieldDefinitions } from "@/server/contacts/contact-fields";
import { assertIdentitiesFree } from "@/server/contacts/contact-identity-claims";
import { CONTACT_WRITE_ROLE, loadContact, type ContactView } from "@/server/contacts/contact-view";
import { ZCreateContactInput, type TCreateContactInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

export async function createContact(actor: Actor, rawInput: TCreateContactInput): Promise<ContactView> {
  assertRole(actor, CONTACT_WRITE_ROLE);
  const input = ZCreateContactInput.parse(rawInput);
  const identities = dedupe(input.identities ?? []);
  const id = newId("ct");
  return db.$transaction(async (tx) => {
    const applied = applyFieldValues(await loadFieldDefinitions(tx, actor.tenantId), {}, input.customFields ?? {});
    if ("field" in applied) throw fieldError(applied.field, applied.message);
    await assertIdentitiesFree(tx, actor.tenantId, identities);
    await tx.contact.create({
      data: { id, tenantId: actor.tenantId, displayName: input.displayName, company: input.company ?? null, tags: input.tags ?? [], customFields: applied.fields as never },
    });
    if (identities.length) {
      await tx.contactIdentity.createMany({ data: identities.map((i) => ({ id: newId("cti"), tenantId: actor.tenantId, contactId: id, kind: i.kind, value: i.value })) });
    }
    const contact = await loadContact(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: "contact.created", targetType: "contact", targetId: id, after: contact });
    return contact;
  });
}

function dedupe<T extends { kind: string; value: string }>(identities: T[]): T[] {
  const seen = new Set<string>();
  return identities.filter((i) => !seen.has(`${i.kind}:${i.value}`) && seen.add(`${i.kind}:${i.value}`));
}
