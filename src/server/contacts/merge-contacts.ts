import { recordAudit } from "@/server/audit/record-audit";
import { CONTACT_ADMIN_ROLE, loadContact, type ContactView } from "@/server/contacts/contact-view";
import { ZMergeContactsInput, type TMergeContactsInput } from "@/server/contacts/contacts.schemas";
import { mergeContactsInTx } from "@/server/contacts/merge-contacts-in-tx";
import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";

/** Merges two contacts of the tenant (see mergeContactsInTx); `mergeId` undoes it (undoContactMerge). */
export async function mergeContacts(actor: Actor, rawInput: TMergeContactsInput): Promise<{ mergeId: string; contact: ContactView }> {
  assertRole(actor, CONTACT_ADMIN_ROLE);
  const { survivorId, mergedId } = ZMergeContactsInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    // Both must be the tenant's: another tenant's id reads as not found before anything moves.
    await loadContact(tx, actor.tenantId, survivorId);
    await loadContact(tx, actor.tenantId, mergedId);
    const mergeId = await mergeContactsInTx(tx, actor.tenantId, survivorId, mergedId, actor.userId);
    const contact = await loadContact(tx, actor.tenantId, survivorId);
    await recordAudit(tx, actor, { action: "contact.merged", targetType: "contact", targetId: survivorId, after: { mergeId, mergedId } });
    return { mergeId, contact };
  });
}
