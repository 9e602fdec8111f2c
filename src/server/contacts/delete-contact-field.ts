import { recordAudit } from "@/server/audit/record-audit";
import { CONTACT_ADMIN_ROLE } from "@/server/contacts/contact-view";
import type { ContactFieldView } from "@/server/contacts/find-contact-fields";
import { ZDeleteContactFieldInput, type TDeleteContactFieldInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

/** Removes the definition; values already stored under its name stay in the contacts (shown as unknown fields). */
export async function deleteContactField(actor: Actor, rawInput: TDeleteContactFieldInput): Promise<ContactFieldView> {
  assertRole(actor, CONTACT_ADMIN_ROLE);
  const { id } = ZDeleteContactFieldInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const field = await tx.contactFieldDefinition.findFirst({ where: { id, tenantId: actor.tenantId }, select: { id: true, name: true, label: true, type: true, options: true } });
    if (!field) throw notFound("custom field");
    await tx.contactFieldDefinition.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "contact_field.deleted", targetType: "contact_field", targetId: id, before: field });
    return field;
  });
}
