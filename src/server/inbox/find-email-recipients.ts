import { db } from "@/server/db";
import { INBOX_ROLE } from "@/server/inbox/conversation-view";
import { ZFindEmailRecipientsInput, type TFindEmailRecipientsInput } from "@/server/inbox/inbox.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

export interface EmailRecipient {
  contactId: string;
  name: string;
  email: string;
}

/** The composer's "To": contacts with an email address whose name or address contains the words, 20 at most. */
export async function findEmailRecipients(actor: Actor, rawInput: TFindEmailRecipientsInput): Promise<EmailRecipient[]> {
  assertRole(actor, INBOX_ROLE);
  const { search } = ZFindEmailRecipientsInput.parse(rawInput);
  const rows = await db.contactIdentity.findMany({
    where: {
      tenantId: actor.tenantId,
      kind: "EMAIL",
      ...(search ? { OR: [{ value: { contains: search.toLowerCase() } }, { contact: { displayName: { contains: search, mode: "insensitive" } } }] } : {}),
    },
    orderBy: [{ contact: { displayName: "asc" } }, { value: "asc" }],
    take: 20,
    select: { contactId: true, value: true, contact: { select: { displayName: true } } },
  });
  return rows.map((r) => ({ contactId: r.contactId, name: r.contact.displayName, email: r.value }));
}
