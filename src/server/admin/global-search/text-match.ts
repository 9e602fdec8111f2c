// Free text against a table's text columns, ranked in the database: whole value (case-insensitive), then start of a
// value, then part of a value or a likeness (pg_trgm word similarity), best first. Every branch is served by the
// table's trigram GIN index (or the unique btree for columns matched by equality), and the last branch reads at most
// CANDIDATES rows, so a vague text ("gmail") costs the same as a precise one.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { ident } from "@/server/admin/global-search/sql-ident";
import type { SearchQuery } from "@/server/admin/global-search/search-query";
import { tierOfRank, type Match } from "@/server/admin/global-search/search-types";

/** Rows ranked by likeness when more than this many contain the text: the text is too vague to rank them all. */
const CANDIDATES = 500;

export interface TextColumn {
  /** The column as in the table ("email"). */
  column: string;
  /** How a hit names it ("email"). */
  label: string;
  /** Stored lower-cased with a unique btree (User.email): the whole value is matched by equality on that index. */
  lowerCaseUnique?: boolean;
}

const anyOf = (parts: Prisma.Sql[]) => Prisma.join(parts, " OR ");

export async function matchText(opts: { table: string; columns: TextColumn[]; query: SearchQuery; limit: number; where?: Prisma.Sql }): Promise<Match[]> {
  const { query: q, limit } = opts;
  if (q.wholeId) return [];
  const table = ident(opts.table);
  const filter = opts.where ?? Prisma.sql`TRUE`;
  const col = (c: TextColumn, alias = "") => ident(c.column, alias);
  const exact = (c: TextColumn, alias = "") => (c.lowerCaseUnique ? Prisma.sql`${col(c, alias)} = ${q.text.toLowerCase()}` : Prisma.sql`${col(c, alias)} ILIKE ${q.exactPattern}`);
  const prefix = (c: TextColumn, alias = "") => Prisma.sql`${col(c, alias)} ILIKE ${q.prefixPattern}`;
  const similar = (c: TextColumn) => Prisma.sql`${col(c)} ILIKE ${q.containsPattern} OR ${q.text} <% ${col(c)}`;
  const branch = (predicate: Prisma.Sql, take: number) => Prisma.sql`(SELECT id FROM ${table} WHERE (${predicate}) AND ${filter} LIMIT ${take})`;
  const branches = [branch(anyOf(opts.columns.map((c) => exact(c))), limit), branch(anyOf(opts.columns.map((c) => prefix(c))), limit)];
  if (q.fuzzy) branches.push(branch(anyOf(opts.columns.map(similar)), CANDIDATES));

  // Per column: its tier (3 exact, 2 prefix, 1 similar) and its word similarity; the row ranks by its best column.
  const columnTier = (c: TextColumn) => Prisma.sql`CASE WHEN ${exact(c, "t.")} THEN 3 WHEN ${prefix(c, "t.")} THEN 2 ELSE 1 END`;
  const columnScore = (c: TextColumn) => Prisma.sql`word_similarity(${q.text}, coalesce(${col(c, "t.")}, ''))`;
  const rows = await db.$queryRaw<{ id: string; tiers: number[]; scores: number[] }[]>(Prisma.sql`
    WITH candidates AS (${Prisma.join(branches, " UNION ")})
    SELECT t.id, ARRAY[${Prisma.join(opts.columns.map(columnTier))}]::int[] AS tiers, ARRAY[${Prisma.join(opts.columns.map(columnScore))}]::float8[] AS scores
    FROM candidates JOIN ${table} t USING (id)
    ORDER BY greatest(${Prisma.join(opts.columns.map(columnTier))}) DESC, greatest(${Prisma.join(opts.columns.map(columnScore))}) DESC, t.id
    LIMIT ${limit}`);

  return rows.map((r) => {
    // The column that matched best names the match: highest tier, then highest similarity.
    let best = 0;
    for (let i = 1; i < opts.columns.length; i++) {
      if (r.tiers[i]! > r.tiers[best]! || (r.tiers[i] === r.tiers[best] && r.scores[i]! > r.scores[best]!)) best = i;
    }
    const tier = tierOfRank(r.tiers[best]!);
    return { id: r.id, tier, score: tier === "similar" ? Math.round(r.scores[best]! * 1000) / 1000 : 1, matchedOn: opts.columns[best]!.label };
  });
}
