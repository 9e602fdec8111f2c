// An id, sid or other unique key, whole or by its start, looked up on the column's own btree (primary key or
// unique index): a whole id is one index probe, a start is a range scan of at most `limit` entries.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { ident } from "@/server/admin/global-search/search-sql";
import { idPrefixRange, type IdQuery } from "@/server/admin/global-search/search-query";
import type { Match } from "@/server/admin/global-search/search-types";

/** Rows whose `column` (default id) is `key` or starts with it; `label` names the key in the hits. */
export async function matchId(opts: { table: string; column?: string; label: string; key: Pick<IdQuery<string>, "value" | "whole">; limit: number }): Promise<Match[]> {
  const table = ident(opts.table);
  const column = ident(opts.column ?? "id");
  const { value, whole } = opts.key;
  if (whole) {
    const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT id FROM ${table} WHERE ${column} = ${value} LIMIT 1`);
    return rows.map((r) => ({ id: r.id, tier: "exact", score: 1, matchedOn: opts.label }));
  }
  const { lower, upper } = idPrefixRange(value);
  const below = upper === null ? Prisma.sql`TRUE` : Prisma.sql`${column} < ${upper}`;
  const rows = await db.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT id FROM ${table} WHERE ${column} >= ${lower} AND ${below} AND ${column} LIKE ${`${value}%`} ORDER BY ${column} LIMIT ${opts.limit}`,
  );
  return rows.map((r) => ({ id: r.id, tier: "prefix", score: 1, matchedOn: opts.label }));
}
