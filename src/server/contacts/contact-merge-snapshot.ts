// A contact exactly as it was (fields, identities, notes with their ids and times), stored in ContactMerge.before so
// an undo puts both contacts back as they were. Dates travel as ISO strings.
import type { DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";

export interface ContactSnapshot {
  id: string;
  displayName: string;
  company: string | null;
  customFields: Record<string, unknown>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  identities: { id: string; kind: string; value: string; createdAt: string }[];
  notes: { id: string; authorUserId: string | null; body: string; createdAt: string }[];
}

export async function snapshotContact(tx: DbOrTx, tenantId: string, id: string): Promise<ContactSnapshot> {
  const row = await tx.contact.findFirst({
    where: { id, tenantId },
    select: {
      id: true,
      displayName: true,
      company: true,
      customFields: true,
      tags: true,
      createdAt: true,
      updatedAt: true,
      identities: { select: { id: true, kind: true, value: true, createdAt: true }, orderBy: { id: "asc" } },
      notes: { select: { id: true, authorUserId: true, body: true, createdAt: true }, orderBy: { id: "asc" } },
    },
  });
  if (!row) throw notFound("contact");
  return {
    ...row,
    customFields: (row.customFields ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    identities: row.identities.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
    notes: row.notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
  };
}
