import { recordAudit } from "@/server/audit/record-audit";
import { CONTACT_ADMIN_ROLE } from "@/server/contacts/contact-view";
import type { ContactFieldView } from "@/server/contacts/find-contact-fields";
import { ZCreateContactFieldInput, type TCreateContactFieldInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

export async function createContactField(actor: Actor, rawInput: TCreateContactFieldInput): Promise<ContactFieldView> {
  assertRole(actor, CONTACT_ADMIN_ROLE);
  const input = ZCreateContactFieldInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    if (await tx.contactFieldDefinition.findFirst({ where: { tenantId: actor.tenantId, name: input.name }, select: { id: true } })) throw fieldError("name", "a custom field of this name exists");
    const field = await tx.contactFieldDefinition.create({
      data: { id: newId("ctf"), tenantId: actor.tenantId, name: input.name, label: input.label, type: input.type, options: input.type === "SELECT" ? (input.options ?? []) : [] },
      select: { id: true, name: true, label: true, type: true, options: true },
    });
    await recordAudit(tx, actor, { action: "contact_field.created", targetType: "contact_field", targetId: field.id, after: field });
    return field;
  });
}
