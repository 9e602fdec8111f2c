import type { Prisma } from "@/generated/prisma/client";
import { CONTACT_READ_ROLE, CONTACT_SELECT, toContactView, type ContactView } from "@/server/contacts/contact-view";
import { IDENTITY_KINDS, normalizeIdentity, ZFindContactsInput, type TFindContactsInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";

/** The tenant's contacts, newest first: by part of the name or company, by an identity (exact, as normalised), by tags. */
export async function findContacts(actor: Actor, rawInput: TFindContactsInput = {}): Promise<Page<ContactView>> {
  assertRole(actor, CONTACT_READ_ROLE);
  const input = ZFindContactsInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.contact.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw fieldError("cursor", "does not name a contact of this account");
  }
  const where: Prisma.ContactWhereInput = { tenantId: actor.tenantId };
  const and: Prisma.ContactWhereInput[] = [];
  if (after) and.push(olderThan(after));
  if (input.tags?.length) and.push({ tags: { hasEvery: input.tags } });
  if (input.search) and.push({ OR: searchConditions(input.search) });
  if (and.length) where.AND = and;
  const rows = await db.contact.findMany({ where, orderBy: NEWEST_FIRST, take: input.limit + 1, select: CONTACT_SELECT });
  const page = toPage(rows, input.limit);
  return { ...page, items: page.items.map(toContactView) };
}

function searchConditions(search: string): Prisma.ContactWhereInput[] {
  const values = new Set<string>([search, search.toLowerCase()]);
  for (const kind of IDENTITY_KINDS) {
    const n = normalizeIdentity(kind, search);
    if ("value" in n) values.add(n.value);
  }
  return [
    { displayName: { contains: search, mode: "insensitive" } },
    { company: { contains: search, mode: "insensitive" } },
    { identities: { some: { value: { in: [...values] } } } },
  ];
}
