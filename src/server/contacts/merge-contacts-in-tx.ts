import { snapshotContact } from "@/server/contacts/contact-merge-snapshot";
import type { DbOrTx } from "@/server/db";
import { newId } from "@/server/shared/ids";

/**
 * Folds `mergedId` into `survivorId` inside the caller's transaction: identities, notes and inbox conversations move over, tags are
 * united, custom fields and an empty company are filled from the merged contact (the survivor's own values win),
 * the merged contact is deleted, and a ContactMerge row keeps both as they were for the undo. Returns its id.
 */
export async function mergeContactsInTx(tx: DbOrTx, tenantId: string, survivorId: string, mergedId: string, createdById: string | null): Promise<string> {
  const survivor = await snapshotContact(tx, tenantId, survivorId);
  const merged = await snapshotContact(tx, tenantId, mergedId);
  await tx.contactIdentity.updateMany({ where: { tenantId, contactId: mergedId }, data: { contactId: survivorId } });
  await tx.contactNote.updateMany({ where: { tenantId, contactId: mergedId }, data: { contactId: survivorId } });
  // The inbox's conversations follow the identities (deleting the merged contact would otherwise take them along).
  // An undo leaves them with the survivor: the next message from a moved-back identity finds its contact again.
  await tx.conversation.updateMany({ where: { tenantId, contactId: mergedId }, data: { contactId: survivorId } });
  await tx.contact.update({
    where: { id: survivorId },
    data: {
      tags: [...new Set([...survivor.tags, ...merged.tags])],
      customFields: { ...merged.customFields, ...survivor.customFields } as never,
      company: survivor.company ?? merged.company,
    },
  });
  await tx.contact.delete({ where: { id: mergedId } });
  const id = newId("ctm");
  await tx.contactMerge.create({ data: { id, tenantId, survivorId, mergedId, before: { survivor, merged } as never, createdById } });
  return id;
}
