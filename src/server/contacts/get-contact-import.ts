import { CONTACT_READ_ROLE } from "@/server/contacts/contact-view";
import { toContactImportView, type ContactImportView } from "@/server/contacts/contact-import-view";
import { ZContactImportIdInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

export type { ContactImportView };

/** An import's status and progress, with its first errors for the wizard (the full list downloads as CSV). */
export async function getContactImport(actor: Actor, rawInput: { id: string }): Promise<ContactImportView & { firstErrors: { rowNumber: number; field: string; message: string }[] }> {
  assertRole(actor, CONTACT_READ_ROLE);
  const { id } = ZContactImportIdInput.parse(rawInput);
  const row = await db.contactImport.findFirst({ where: { id, tenantId: actor.tenantId } });
  if (!row) throw notFound("import");
  const firstErrors = await db.contactImportError.findMany({ where: { tenantId: actor.tenantId, importId: id }, orderBy: { rowNumber: "asc" }, take: 20, select: { rowNumber: true, field: true, message: true } });
  return { ...toContactImportView(row), firstErrors };
}
