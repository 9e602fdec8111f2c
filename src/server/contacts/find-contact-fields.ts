import { CONTACT_READ_ROLE } from "@/server/contacts/contact-view";
import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";

export interface ContactFieldView {
  id: string;
  name: string;
  label: string;
  type: string;
  options: string[];
}

/** The tenant's custom-field definitions, in the order they were made. */
export async function findContactFields(actor: Actor): Promise<ContactFieldView[]> {
  assertRole(actor, CONTACT_READ_ROLE);
  return db.contactFieldDefinition.findMany({ where: { tenantId: actor.tenantId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, label: true, type: true, options: true } });
}
