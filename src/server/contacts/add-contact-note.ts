import { recordAudit } from "@/server/audit/record-audit";
import { CONTACT_WRITE_ROLE, loadContact } from "@/server/contacts/contact-view";
import { ZAddContactNoteInput, type TAddContactNoteInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/** A note by the acting member (none for an API key), stamped now. */
export async function addContactNote(actor: Actor, rawInput: TAddContactNoteInput): Promise<{ id: string; body: string; authorUserId: string | null; createdAt: Date }> {
  assertRole(actor, CONTACT_WRITE_ROLE);
  const { contactId, body } = ZAddContactNoteInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    await loadContact(tx, actor.tenantId, contactId);
    const note = await tx.contactNote.create({
      data: { id: newId("ctn"), tenantId: actor.tenantId, contactId, authorUserId: actor.userId, body },
      select: { id: true, body: true, authorUserId: true, createdAt: true },
    });
    await recordAudit(tx, actor, { action: "contact.note_added", targetType: "contact", targetId: contactId, after: note });
    return note;
  });
}
