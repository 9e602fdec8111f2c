// One batch of CSV rows into contacts, in one transaction: each row checked (errors named by row and field), rows
// of the batch sharing an identity folded together, then matched on identity against the tenant's contacts — no
// match creates a contact, one match updates it, two or more merges them first (an undoable ContactMerge).
import { coerceFieldValue, type FieldDefinition } from "@/server/contacts/contact-fields";
import { normalizeIdentity, type IdentityKind, type TImportMapping } from "@/server/contacts/contacts.schemas";
import { mergeContactsInTx } from "@/server/contacts/merge-contacts-in-tx";
import type { DbOrTx } from "@/server/db";
import { newId } from "@/server/shared/ids";

export interface ImportRow {
  /** Line of the file the row is on: the header is 1, the first data row 2. */
  rowNumber: number;
  record: Record<string, string>;
}

export interface RowError {
  rowNumber: number;
  field: string;
  message: string;
}

interface Candidate {
  rowNumbers: number[];
  displayName: string | null;
  company: string | null;
  tags: string[];
  notes: string[];
  customFields: Record<string, unknown>;
  identities: Map<string, { kind: IdentityKind; value: string }>;
}

/** A row read through the mapping, or its first error. */
function readRow(row: ImportRow, mapping: TImportMapping, defs: Map<string, FieldDefinition>): Candidate | RowError {
  const c: Candidate = { rowNumbers: [row.rowNumber], displayName: null, company: null, tags: [], notes: [], customFields: {}, identities: new Map() };
  for (const [column, target] of Object.entries(mapping)) {
    const cell = (row.record[column] ?? "").trim();
    if (!cell || target === "ignore") continue;
    const err = (message: string): RowError => ({ rowNumber: row.rowNumber, field: column, message });
    if (target === "display_name") {
      if (cell.length > 200) return err("display name is longer than 200 characters");
      c.displayName = cell;
    } else if (target === "company") {
      if (cell.length > 200) return err("company is longer than 200 characters");
      c.company = cell;
    } else if (target === "tags") {
      const tags = cell.split(/[;,]/).map((x) => x.trim().toLowerCase()).filter(Boolean);
      if (tags.some((x) => x.length > 40)) return err("a tag is longer than 40 characters");
      c.tags.push(...tags);
    } else if (target === "note") {
      c.notes.push(cell.slice(0, 10_000));
    } else if (target.startsWith("identity:")) {
      const kind = target.slice("identity:".length) as IdentityKind;
      for (const part of kind === "EMAIL" ? cell.split(/[;,]/) : cell.split(";")) {
        if (!part.trim()) continue;
        const n = normalizeIdentity(kind, part);
        if ("error" in n) return err(`${kind.toLowerCase()} ${n.error}`);
        c.identities.set(`${kind}:${n.value}`, { kind, value: n.value });
      }
    } else {
      const name = target.slice("field:".length);
      const def = defs.get(name);
      if (!def) return err(`${name} is not a custom field of this account`);
      const v = coerceFieldValue(def, cell);
      if ("error" in v) return err(`${name} ${v.error}`);
      c.customFields[name] = v.value;
    }
  }
  if (c.identities.size === 0 && !c.displayName) return { rowNumber: row.rowNumber, field: "row", message: "has neither a name nor an identity" };
  return c;
}

function fold(into: Candidate, c: Candidate): void {
  into.rowNumbers.push(...c.rowNumbers);
  into.displayName = c.displayName ?? into.displayName;
  into.company = c.company ?? into.company;
  into.tags.push(...c.tags);
  into.notes.push(...c.notes);
  Object.assign(into.customFields, c.customFields);
  for (const [k, v] of c.identities) into.identities.set(k, v);
}

export interface BatchResult {
  created: number;
  updated: number;
  errors: RowError[];
}

export async function applyImportBatch(
  tx: DbOrTx,
  ctx: { tenantId: string; mapping: TImportMapping; defs: Map<string, FieldDefinition>; authorUserId: string | null },
  rows: ImportRow[],
): Promise<BatchResult> {
  const errors: RowError[] = [];
  const candidates: Candidate[] = [];
  const byIdentity = new Map<string, Candidate>();
  for (const row of rows) {
    const read = readRow(row, ctx.mapping, ctx.defs);
    if ("message" in read) {
      errors.push(read);
      continue;
    }
    const same = [...read.identities.keys()].map((k) => byIdentity.get(k)).find(Boolean);
    const target = same ?? read;
    if (same) fold(same, read);
    else candidates.push(read);
    for (const k of target.identities.keys()) byIdentity.set(k, target);
  }

  // Who holds these identities now: one query for the batch (a JSON parameter: Prisma's own IN lists of thousands
  // of values cost more to build than to run).
  const holder = new Map<string, string>();
  if (byIdentity.size) {
    const wanted = JSON.stringify([...byIdentity.keys()].map((k) => ({ kind: k.slice(0, k.indexOf(":")), value: k.slice(k.indexOf(":") + 1) })));
    const found = await tx.$queryRaw<{ kind: string; value: string; contactId: string }[]>`
      SELECT i.kind::text AS kind, i.value, i."contactId" FROM "ContactIdentity" i
      JOIN jsonb_to_recordset(${wanted}::jsonb) AS w(kind text, value text) ON i.kind = w.kind::"ContactIdentityKind" AND i.value = w.value
      WHERE i."tenantId" = ${ctx.tenantId}`;
    for (const f of found) holder.set(`${f.kind}:${f.value}`, f.contactId);
  }

  const newContacts: { id: string; tenantId: string; displayName: string; company: string | null; tags: string[]; customFields: Record<string, unknown> }[] = [];
  const newIdentities: { id: string; tenantId: string; contactId: string; kind: IdentityKind; value: string }[] = [];
  const newNotes: { id: string; tenantId: string; contactId: string; authorUserId: string | null; body: string }[] = [];
  let updated = 0;
  for (const c of candidates) {
    const matched = [...new Set([...c.identities.keys()].map((k) => holder.get(k)).filter((x): x is string => Boolean(x)))];
    let contactId: string;
    if (matched.length === 0) {
      contactId = newId("ct");
      const first = c.identities.values().next().value;
      newContacts.push({ id: contactId, tenantId: ctx.tenantId, displayName: c.displayName ?? first?.value ?? "", company: c.company, tags: [...new Set(c.tags)], customFields: c.customFields });
    } else {
      contactId = matched[0]!;
      for (const other of matched.slice(1)) {
        await mergeContactsInTx(tx, ctx.tenantId, contactId, other, ctx.authorUserId);
        for (const [k, v] of holder) if (v === other) holder.set(k, contactId);
      }
      const current = await tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: { tags: true, customFields: true } });
      await tx.contact.update({
        where: { id: contactId },
        data: {
          ...(c.displayName ? { displayName: c.displayName } : {}),
          ...(c.company ? { company: c.company } : {}),
          tags: [...new Set([...current.tags, ...c.tags])],
          customFields: { ...(current.customFields as Record<string, unknown>), ...c.customFields } as never,
        },
      });
      updated++;
    }
    for (const [k, identity] of c.identities) {
      if (holder.get(k) === contactId) continue;
      newIdentities.push({ id: newId("cti"), tenantId: ctx.tenantId, contactId, kind: identity.kind, value: identity.value });
      holder.set(k, contactId);
    }
    for (const body of c.notes) newNotes.push({ id: newId("ctn"), tenantId: ctx.tenantId, contactId, authorUserId: ctx.authorUserId, body });
  }
  // Bulk inserts as one JSON parameter each, for the same reason.
  if (newContacts.length) {
    await tx.$executeRaw`INSERT INTO "Contact" (id, "tenantId", "displayName", company, tags, "customFields", "updatedAt")
      SELECT id, "tenantId", "displayName", company, tags, "customFields", now() FROM jsonb_to_recordset(${JSON.stringify(newContacts)}::jsonb)
        AS x(id text, "tenantId" text, "displayName" text, company text, tags text[], "customFields" jsonb)`;
  }
  if (newIdentities.length) {
    await tx.$executeRaw`INSERT INTO "ContactIdentity" (id, "tenantId", "contactId", kind, value)
      SELECT id, "tenantId", "contactId", kind::"ContactIdentityKind", value FROM jsonb_to_recordset(${JSON.stringify(newIdentities)}::jsonb)
        AS x(id text, "tenantId" text, "contactId" text, kind text, value text)`;
  }
  if (newNotes.length) await tx.contactNote.createMany({ data: newNotes });
  return { created: newContacts.length, updated, errors };
}
