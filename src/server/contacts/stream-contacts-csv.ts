import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { CONTACT_READ_ROLE } from "@/server/contacts/contact-view";
import { IDENTITY_KINDS } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";

const PAGE = 1000;

/**
 * Every contact of the tenant as CSV, a page at a time (memory holds one page): id, name, company, tags, one column
 * per identity kind (several values joined by ;) and one per custom field. The file imports back with the same
 * column names mapped.
 */
export async function streamContactsCsv(actor: Actor): Promise<Readable> {
  assertRole(actor, CONTACT_READ_ROLE);
  const fields = (await db.contactFieldDefinition.findMany({ where: { tenantId: actor.tenantId }, orderBy: { createdAt: "asc" }, select: { name: true } })).map((f) => f.name);
  const columns = ["id", "display_name", "company", "tags", ...IDENTITY_KINDS.map((k) => k.toLowerCase()), ...fields, "created_at"];
  async function* rows() {
    let afterId: string | null = null;
    for (;;) {
      const page: { id: string; displayName: string; company: string | null; tags: string[]; customFields: unknown; createdAt: Date; identities: { kind: string; value: string }[] }[] =
        await db.contact.findMany({
          where: { tenantId: actor.tenantId, ...(afterId ? { id: { gt: afterId } } : {}) },
          orderBy: { id: "asc" },
          take: PAGE,
          select: { id: true, displayName: true, company: true, tags: true, customFields: true, createdAt: true, identities: { select: { kind: true, value: true } } },
        });
      for (const c of page) {
        const custom = (c.customFields ?? {}) as Record<string, unknown>;
        yield [
          c.id,
          c.displayName,
          c.company ?? "",
          c.tags.join(";"),
          ...IDENTITY_KINDS.map((k) => c.identities.filter((i) => i.kind === k).map((i) => i.value).join(";")),
          ...fields.map((f) => (custom[f] === undefined ? "" : String(custom[f]))),
          c.createdAt.toISOString(),
        ];
      }
      if (page.length < PAGE) return;
      afterId = page[page.length - 1]!.id;
    }
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns }));
}
