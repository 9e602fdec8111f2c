// A phone number by its digits, however staff typed it ("+1 (415) 555-0100", "5550100"): the whole E.164 number on
// the column's btree (with +1 added to ten digits, the way North American numbers are written), or any run of its
// digits on its trigram GIN index. Numbers are digits only, so likeness means nothing: a part ranks by how much of
// the number it covers.
import { Prisma } from "@/generated/prisma/client";
import { ident, queryByIndex } from "@/server/admin/global-search/search-sql";
import { tierOfRank, type Match } from "@/server/admin/global-search/search-types";


export async function matchNumber(opts: { table: string; digits: string; limit: number }): Promise<Match[]> {
  const { digits, limit } = opts;
  const table = ident(opts.table);
  const whole = digits.length === 10 ? [`+${digits}`, `+1${digits}`] : [`+${digits}`];
  const rows = await queryByIndex<{ id: string; e164: string; tier: number }>(Prisma.sql`
    WITH candidates AS (
      (SELECT id FROM ${table} WHERE e164 = ANY(${whole}) LIMIT ${limit})
      UNION (SELECT id FROM ${table} WHERE e164 LIKE ${`%${digits}%`} LIMIT 500)
    )
    SELECT t.id, t.e164, CASE WHEN t.e164 = ANY(${whole}) THEN 3 WHEN t.e164 LIKE ${`+${digits}%`} THEN 2 ELSE 1 END AS tier
    FROM candidates JOIN ${table} t USING (id)
    ORDER BY tier DESC, length(t.e164), t.e164
    LIMIT ${limit}`);
  return rows.map((r) => ({ id: r.id, tier: tierOfRank(r.tier), score: r.tier === 1 ? Math.round((digits.length / (r.e164.length - 1)) * 1000) / 1000 : 1, matchedOn: "number" }));
}
