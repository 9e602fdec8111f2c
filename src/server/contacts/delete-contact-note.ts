import { recordAudit } from "@/server/audit/record-audit";
import { CONTACT_WRITE_ROLE } from "@/server/contacts/contact-view";
import { ZDeleteContactNoteInput, type TDeleteContactNoteInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

export async function deleteContactNote(actor: Actor, rawInput: TDeleteContactNoteInput): Promise<{ id: string }> {
  assertRole(actor, CONTACT_WRITE_ROLE);
  const { contactId, noteId } = ZDeleteContactNoteInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const note = await tx.contactNote.findFirst({ where: { id: noteId, tenantId: actor.tenantId, contactId }, select: { id: true, body: true, authorUserId: true, createdAt: true } });
    if (!note) throw notFound("note");
    await tx.contactNote.delete({ where: { id: note.id } });
    await recordAudit(tx, actor, { action: "contact.note_deleted", targetType: "contact", targetId: contactId, before: note });
    return { id: note.id };
  });
}
