import { recordAudit } from "@/server/audit/record-audit";
import type { ContactSnapshot } from "@/server/contacts/contact-merge-snapshot";
import { CONTACT_ADMIN_ROLE, loadContact, type ContactView } from "@/server/contacts/contact-view";
import { ZUndoContactMergeInput, type TUndoContactMergeInput } from "@/server/contacts/contacts.schemas";
import { db, type DbOrTx } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * Puts both contacts back exactly as they were before the merge: fields, identities and notes with their ids and
 * times. Only the survivor's latest merge can be undone (an earlier one would clobber the later one's result), and
 * only while the merged contact's identities are not held by a third contact.
 */
export async function undoContactMerge(actor: Actor, rawInput: TUndoContactMergeInput): Promise<{ survivor: ContactView; restored: ContactView }> {
  assertRole(actor, CONTACT_ADMIN_ROLE);
  const { mergeId } = ZUndoContactMergeInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const merge = await tx.contactMerge.findFirst({ where: { id: mergeId, tenantId: actor.tenantId } });
    if (!merge) throw notFound("merge");
    if (merge.undoneAt) throw new AppError("CONFLICT", "mergeId: this merge was already undone");
    const later = await tx.contactMerge.findFirst({ where: { tenantId: actor.tenantId, survivorId: merge.survivorId, undoneAt: null, createdAt: { gt: merge.createdAt } }, select: { id: true } });
    if (later) throw new AppError("CONFLICT", `mergeId: undo the later merge ${later.id} into this contact first`);
    await loadContact(tx, actor.tenantId, merge.survivorId);
    const { survivor, merged } = merge.before as unknown as { survivor: ContactSnapshot; merged: ContactSnapshot };
    const tenantId = actor.tenantId;
    await tx.contact.create({ data: { id: merged.id, tenantId, displayName: merged.displayName, company: merged.company, customFields: merged.customFields as never, tags: merged.tags, createdAt: new Date(merged.createdAt) } });
    for (const identity of merged.identities) {
      const current = await tx.contactIdentity.findFirst({ where: { tenantId, kind: identity.kind as never, value: identity.value }, select: { id: true, contactId: true } });
      if (current && current.contactId !== merge.survivorId) throw new AppError("CONFLICT", `mergeId: ${identity.value} now belongs to contact ${current.contactId}`);
      if (current) await tx.contactIdentity.delete({ where: { id: current.id } });
      await tx.contactIdentity.create({ data: { id: identity.id, tenantId, contactId: merged.id, kind: identity.kind as never, value: identity.value, createdAt: new Date(identity.createdAt) } });
    }
    for (const note of merged.notes) {
      await tx.contactNote.upsert({
        where: { id: note.id },
        update: { contactId: merged.id, body: note.body },
        create: { id: note.id, tenantId, contactId: merged.id, authorUserId: note.authorUserId, body: note.body, createdAt: new Date(note.createdAt) },
      });
    }
    // Timestamps last: the writes above touched updatedAt.
    await restoreFields(tx, survivor);
    await restoreFields(tx, merged);
    await tx.contactMerge.update({ where: { id: merge.id }, data: { undoneAt: new Date() } });
    await recordAudit(tx, actor, { action: "contact.merge_undone", targetType: "contact", targetId: merge.survivorId, after: { mergeId, restoredId: merged.id } });
    return { survivor: await loadContact(tx, tenantId, survivor.id), restored: await loadContact(tx, tenantId, merged.id) };
  });
}

async function restoreFields(tx: DbOrTx, s: ContactSnapshot): Promise<void> {
  // updatedAt is @updatedAt, which Prisma overwrites on update(): set it in SQL so the restore is exact.
  await tx.contact.update({ where: { id: s.id }, data: { displayName: s.displayName, company: s.company, customFields: s.customFields as never, tags: s.tags } });
  await tx.$executeRaw`UPDATE "Contact" SET "updatedAt" = ${new Date(s.updatedAt)} WHERE id = ${s.id}`;
}
