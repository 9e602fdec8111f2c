import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { CONTACT_READ_ROLE } from "@/server/contacts/contact-view";
import { ZContactImportIdInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

const PAGE = 1000;

/** An import's errors as CSV (row, field, message), read a page at a time so a large report streams. */
export async function streamContactImportErrors(actor: Actor, rawInput: { id: string }): Promise<{ fileName: string; body: Readable }> {
  assertRole(actor, CONTACT_READ_ROLE);
  const { id } = ZContactImportIdInput.parse(rawInput);
  const imp = await db.contactImport.findFirst({ where: { id, tenantId: actor.tenantId }, select: { id: true, fileName: true } });
  if (!imp) throw notFound("import");
  async function* rows() {
    let after: { rowNumber: number; id: string } | null = null;
    for (;;) {
      const page: { id: string; rowNumber: number; field: string; message: string }[] = await db.contactImportError.findMany({
        where: { tenantId: actor.tenantId, importId: id, ...(after ? { OR: [{ rowNumber: { gt: after.rowNumber } }, { rowNumber: after.rowNumber, id: { gt: after.id } }] } : {}) },
        orderBy: [{ rowNumber: "asc" }, { id: "asc" }],
        take: PAGE,
        select: { id: true, rowNumber: true, field: true, message: true },
      });
      for (const e of page) yield [e.rowNumber, e.field, e.message];
      if (page.length < PAGE) return;
      const last = page[page.length - 1]!;
      after = { rowNumber: last.rowNumber, id: last.id };
    }
  }
  const body = Readable.from(rows()).pipe(stringify({ header: true, columns: ["row", "field", "message"] }));
  return { fileName: `${imp.fileName.replace(/\.csv$/i, "")}-errors.csv`, body };
}
