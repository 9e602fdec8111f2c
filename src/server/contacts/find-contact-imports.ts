import { CONTACT_READ_ROLE } from "@/server/contacts/contact-view";
import { toContactImportView, type ContactImportView } from "@/server/contacts/contact-import-view";
import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";

/** The tenant's latest imports, newest first. */
export async function findContactImports(actor: Actor): Promise<ContactImportView[]> {
  assertRole(actor, CONTACT_READ_ROLE);
  const rows = await db.contactImport.findMany({ where: { tenantId: actor.tenantId }, orderBy: { createdAt: "desc" }, take: 20 });
  return rows.map(toContactImportView);
}
