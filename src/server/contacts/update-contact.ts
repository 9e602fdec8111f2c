import { recordAudit } from "@/server/audit/record-audit";
import { applyFieldValues, loadFieldDefinitions } from "@/server/contacts/contact-fields";
import { CONTACT_WRITE_ROLE, loadContact, type ContactView } from "@/server/contacts/contact-view";
import { ZUpdateContactInput, type TUpdateContactInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

/** Changes the fields given; custom fields are merged into the stored ones (null removes one). */
export async function updateContact(actor: Actor, rawInput: TUpdateContactInput): Promise<ContactView> {
  assertRole(actor, CONTACT_WRITE_ROLE);
  const input = ZUpdateContactInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const before = await loadContact(tx, actor.tenantId, input.id);
    let customFields: Record<string, unknown> | undefined;
    if (input.customFields) {
      const applied = applyFieldValues(await loadFieldDefinitions(tx, actor.tenantId), before.customFields, input.customFields);
      if ("field" in applied) throw fieldError(applied.field, applied.message);
      customFields = applied.fields;
    }
    await tx.contact.update({
      where: { id: input.id },
      data: {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.company !== undefined ? { company: input.company } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        ...(customFields ? { customFields: customFields as never } : {}),
      },
    });
    const after = await loadContact(tx, actor.tenantId, input.id);
    await recordAudit(tx, actor, { action: "contact.updated", targetType: "contact", targetId: input.id, before, after });
    return after;
  });
}
