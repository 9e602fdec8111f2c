// Contacts as the portal and the API see them, and who may do what with them.
import type { Prisma } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import type { RoleRule } from "@/server/tenancy";

/** Reading contacts and keeping them up to date (identities, tags, notes): every member, agents included. */
export const CONTACT_READ_ROLE: RoleRule = { minRole: "AGENT" };
export const CONTACT_WRITE_ROLE: RoleRule = { minRole: "AGENT" };
/**
 * Deleting, merging, importing and defining custom fields: supervisors and up, and developers (API keys act as
 * DEVELOPER, their contacts:write scope deciding; CRM syncs are a developer's job).
 */
export const CONTACT_ADMIN_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };

export const CONTACT_SELECT = {
  id: true,
  displayName: true,
  company: true,
  customFields: true,
  tags: true,
  createdAt: true,
  updatedAt: true,
  identities: { select: { id: true, kind: true, value: true, createdAt: true }, orderBy: [{ kind: "asc" }, { createdAt: "asc" }] },
} satisfies Prisma.ContactSelect;

export type ContactRow = Prisma.ContactGetPayload<{ select: typeof CONTACT_SELECT }>;

export interface ContactView {
  id: string;
  displayName: string;
  company: string | null;
  customFields: Record<string, unknown>;
  tags: string[];
  identities: { id: string; kind: string; value: string }[];
  createdAt: Date;
  updatedAt: Date;
}

export function toContactView(row: ContactRow): ContactView {
  return {
    id: row.id,
    displayName: row.displayName,
    company: row.company,
    customFields: (row.customFields ?? {}) as Record<string, unknown>,
    tags: row.tags,
    identities: row.identities.map((i) => ({ id: i.id, kind: i.kind, value: i.value })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The tenant's contact, or NOT_FOUND (also for another tenant's id). */
export async function loadContact(tx: DbOrTx, tenantId: string, id: string): Promise<ContactView> {
  const row = await tx.contact.findFirst({ where: { id, tenantId }, select: CONTACT_SELECT });
  if (!row) throw notFound("contact");
  return toContactView(row);
}
