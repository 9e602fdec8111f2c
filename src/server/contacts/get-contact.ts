import { CONTACT_READ_ROLE, loadContact, type ContactView } from "@/server/contacts/contact-view";
import { ZContactIdInput, type TContactIdInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";

export interface ContactDetail extends ContactView {
  notes: { id: string; body: string; authorUserId: string | null; authorName: string | null; createdAt: Date }[];
  /** The latest merge into this contact that can still be undone. */
  lastMerge: { id: string; mergedId: string; createdAt: Date } | null;
}

/** One contact with its notes (newest first) and the merge the portal offers to undo. */
export async function getContact(actor: Actor, rawInput: TContactIdInput): Promise<ContactDetail> {
  assertRole(actor, CONTACT_READ_ROLE);
  const { id } = ZContactIdInput.parse(rawInput);
  const contact = await loadContact(db, actor.tenantId, id);
  const [notes, lastMerge] = await Promise.all([
    db.contactNote.findMany({
      where: { tenantId: actor.tenantId, contactId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
      select: { id: true, body: true, authorUserId: true, createdAt: true, author: { select: { name: true, email: true } } },
    }),
    db.contactMerge.findFirst({ where: { tenantId: actor.tenantId, survivorId: id, undoneAt: null }, orderBy: { createdAt: "desc" }, select: { id: true, mergedId: true, createdAt: true } }),
  ]);
  return {
    ...contact,
    notes: notes.map((n) => ({ id: n.id, body: n.body, authorUserId: n.authorUserId, authorName: n.author ? (n.author.name || n.author.email) : null, createdAt: n.createdAt })),
    lastMerge,
  };
}
