// The CSV import end to end against a real database: upload checked against the header and fields, the job
// streaming the file in batches, identities deduped within the file and merged with existing contacts, progress
// counters, per-row errors (row, field, message) and their CSV, the export; 100,000 rows with bad rows among them
// report exactly those rows.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { createContact } from "@/server/contacts/create-contact";
import { createContactField } from "@/server/contacts/create-contact-field";
import { createContactImport } from "@/server/contacts/create-contact-import";
import { findContacts } from "@/server/contacts/find-contacts";
import { getContactImport } from "@/server/contacts/get-contact-import";
import { runContactImports } from "@/server/contacts/run-contact-imports";
import { streamContactImportErrors } from "@/server/contacts/stream-contact-import-errors";
import { streamContactsCsv } from "@/server/contacts/stream-contacts-csv";
import { db } from "@/server/db";
import { createTestTenant } from "@/test/factories";

beforeAll(async () => {
  (env as { CONTACT_IMPORTS_DIR: string }).CONTACT_IMPORTS_DIR = await mkdtemp(path.join(tmpdir(), "contact-imports-"));
});

/** Runs the job until nothing is waiting. */
async function drain() {
  for (let i = 0; i < 1000; i++) if ((await runContactImports({ deadlineMs: 60_000 })).idle) return;
}

describe("contact CSV import", () => {
  it("refuses a mapping naming a column the file lacks, or an unknown custom field, with a 400 naming it", async () => {
    const t = await createTestTenant();
    await expect(createContactImport(t.actor, { fileName: "a.csv", csv: "name,phone\nAda,+14155550100\n", mapping: { name: "display_name", mobile: "identity:PHONE" } })).rejects.toMatchObject({ message: "mapping.mobile: is not a column of the file's header" });
    await expect(createContactImport(t.actor, { fileName: "a.csv", csv: "name,tier\nAda,gold\n", mapping: { name: "display_name", tier: "field:tier" } })).rejects.toMatchObject({ message: "mapping.tier: tier is not a custom field of this account" });
    expect(await db.contactImport.count({ where: { tenantId: t.tenant.id } })).toBe(0);
  });

  it("imports rows, folds rows sharing an identity, merges into existing contacts, reports bad rows by row and field, and exports", async () => {
    const t = await createTestTenant();
    await createContactField(t.actor, { name: "seats", label: "Seats", type: "NUMBER" });
    const existing = await createContact(t.actor, { displayName: "Old Ada", tags: ["customer"], identities: [{ kind: "EMAIL", value: "ada@example.com" }] });
    const csv = [
      "Name,Phone,Email,Tags,Seats,Notes",
      "Ada Lovelace,+1 415 555 0100,ADA@example.com,vip,3,met at conference", // matches the existing contact by email
      "Grace,+14155550101,,lead,,",
      "Grace H,+14155550101,grace@navy.test,,7,", // same phone as the row above: one contact
      "Bad phone,12345,,,,", // row 5
      "Bad seats,+14155550103,,,many,", // row 6
      ",,,,,", // empty line is skipped by the parser? no: it has commas — row 7, neither name nor identity
      '"Quoted, name",+14155550104,,"a;b",,"multi',
      'line note"',
    ].join("\n");
    const imp = await createContactImport(t.actor, { fileName: "people.csv", csv, mapping: { Name: "display_name", Phone: "identity:PHONE", Email: "identity:EMAIL", Tags: "tags", Seats: "field:seats", Notes: "note" } });
    expect(imp.status).toBe("QUEUED");
    await drain();
    const done = await getContactImport(t.actor, { id: imp.id });
    expect(done).toMatchObject({ status: "COMPLETED", progress: 1, rowsProcessed: 7, rowsFailed: 3, rowsCreated: 2, rowsUpdated: 1 });
    expect(done.firstErrors).toEqual([
      { rowNumber: 5, field: "Phone", message: "phone must be an E.164 phone number (+14155550123)" },
      { rowNumber: 6, field: "Seats", message: "seats must be a number" },
      { rowNumber: 7, field: "row", message: "has neither a name nor an identity" },
    ]);
    const ada = (await findContacts(t.actor, { search: "ada@example.com" })).items;
    expect(ada).toHaveLength(1);
    expect(ada[0]).toMatchObject({ id: existing.id, displayName: "Ada Lovelace", tags: ["customer", "vip"], customFields: { seats: 3 } });
    const grace = (await findContacts(t.actor, { search: "+14155550101" })).items[0]!;
    expect(grace).toMatchObject({ displayName: "Grace H", tags: ["lead"], customFields: { seats: 7 } });
    expect(grace.identities.map((i) => i.value).sort()).toEqual(["+14155550101", "grace@navy.test"]);
    expect((await findContacts(t.actor, { search: "Quoted" })).items[0]).toMatchObject({ displayName: "Quoted, name", tags: ["a", "b"] });

    const report = parse(await text((await streamContactImportErrors(t.actor, { id: imp.id })).body), { columns: true }) as Record<string, string>[];
    expect(report.map((r) => r.row)).toEqual(["5", "6", "7"]);

    const exported = parse(await text(await streamContactsCsv(t.actor)), { columns: true }) as Record<string, string>[];
    expect(exported).toHaveLength(3);
    expect(exported.find((r) => r.id === existing.id)).toMatchObject({ display_name: "Ada Lovelace", email: "ada@example.com", phone: "+14155550100", tags: "customer;vip", seats: "3" });

    const other = await createTestTenant();
    await expect(getContactImport(other.actor, { id: imp.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(streamContactImportErrors(other.actor, { id: imp.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(parse(await text(await streamContactsCsv(other.actor)), { columns: true })).toEqual([]);
  });

  it("100,000 rows with bad rows among them: exactly those rows are reported, every other row imported", async () => {
    const t = await createTestTenant();
    const bad = new Set([2, 777, 5_000, 31_337, 64_000, 99_999, 100_001]); // file rows (header is row 1)
    function* lines() {
      yield "name,phone,email\n";
      for (let row = 2; row <= 100_001; row++) {
        const n = row.toString().padStart(7, "0");
        yield bad.has(row) ? `Bad ${row},555-${n.slice(0, 3)},p${row}@example.com\n` : `Person ${row},+1415${n},p${row}@example.com\n`;
      }
    }
    const imp = await createContactImport(t.actor, { fileName: "big.csv", csv: Readable.from(lines()), mapping: { name: "display_name", phone: "identity:PHONE", email: "identity:EMAIL" } });
    // Short passes: the import is resumed from where each pass stopped.
    let passes = 0;
    for (; passes < 500; passes++) if ((await runContactImports({ deadlineMs: 2_000, batchSize: 2_000 })).idle) break;
    expect(passes).toBeGreaterThan(1);
    const done = await getContactImport(t.actor, { id: imp.id });
    expect(done).toMatchObject({ status: "COMPLETED", rowsProcessed: 100_000, rowsFailed: bad.size, rowsCreated: 100_000 - bad.size });
    const errors = await db.contactImportError.findMany({ where: { importId: imp.id }, orderBy: { rowNumber: "asc" }, select: { rowNumber: true, field: true } });
    expect(errors).toEqual([...bad].sort((a, b) => a - b).map((rowNumber) => ({ rowNumber, field: "phone" })));
    expect(await db.contact.count({ where: { tenantId: t.tenant.id } })).toBe(100_000 - bad.size);
    expect(await db.contactIdentity.count({ where: { tenantId: t.tenant.id } })).toBe(2 * (100_000 - bad.size));
  }, 300_000);
});
