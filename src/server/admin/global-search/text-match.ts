// Free text against a table's text columns, ranked in the database: whole value (case-insensitive), then start of a
// value, then part of a value or a likeness (pg_trgm word similarity), best first. The whole value and its start are
// read from each column's lower(column) text_pattern_ops btree, the rest from the table's trigram GIN index; the last
// branch reads at most CANDIDATES rows, so a vague text ("gmail") costs about what a precise one does.
import { Prisma } from "@/generated/prisma/client";
import { ident, queryByIndex } from "@/server/admin/global-search/search-sql";
import type { SearchQuery } from "@/server/admin/global-search/search-query";
import { tierOfRank, type Match } from "@/server/admin/global-search/search-types";

/** Rows ranked by likeness when more than this many contain the text: the text is too vague to rank them all. */
const CANDIDATES = 200;

export interface TextColumn {
  /** The column as in the table ("email"). */
  column: string;
  /** How a hit names it ("email"). */
  label: string;
}

const anyOf = (parts: Prisma.Sql[]) => Prisma.join(parts, " OR ");

export async function matchText(opts: { table: string; columns: TextColumn[]; query: SearchQuery; limit: number; where?: Prisma.Sql }): Promise<Match[]> {
  const { query: q, limit } = opts;
  // A whole id names one row and a phone number is digits: neither is a name or an address.
  if (q.wholeId || q.digits) return [];
  const table = ident(opts.table);
  const filter = opts.where ?? Prisma.sql`TRUE`;
  const col = (c: TextColumn, alias = "") => ident(c.column, alias);
  // lower(column) as the btree indexes it: equality for the whole value, LIKE with a fixed start for its start.
  const exact = (c: TextColumn, alias = "") => Prisma.sql`lower(${col(c, alias)}) = ${q.lower}`;
  const prefix = (c: TextColumn, alias = "") => Prisma.sql`lower(${col(c, alias)}) LIKE ${q.prefixPattern}`;
  const similar = (c: TextColumn) => Prisma.sql`${col(c)} ILIKE ${q.containsPattern} OR ${q.text} <% ${col(c)}`;
  // Each branch carries the columns it ranks by, so the ranking never joins back to the table (a join the planner
  // may turn into a scan of it).
  const selected = Prisma.join([Prisma.raw("id"), ...opts.columns.map((c) => col(c))]);
  const branch = (predicate: Prisma.Sql, take: number) => Prisma.sql`(SELECT ${selected} FROM ${table} WHERE (${predicate}) AND ${filter} LIMIT ${take})`;
  const branches = [branch(anyOf(opts.columns.map((c) => exact(c))), limit), branch(anyOf(opts.columns.map((c) => prefix(c))), limit)];
  if (q.fuzzy) branches.push(branch(anyOf(opts.columns.map(similar)), CANDIDATES));

  // Per column: its tier (3 exact, 2 prefix, 1 similar) and its word similarity; the row ranks by its best column.
  const columnTier = (c: TextColumn) => Prisma.sql`CASE WHEN ${exact(c, "t.")} THEN 3 WHEN ${prefix(c, "t.")} THEN 2 ELSE 1 END`;
  const columnScore = (c: TextColumn) => Prisma.sql`word_similarity(${q.text}, coalesce(${col(c, "t.")}, ''))`;
  const rows = await queryByIndex<{ id: string; tiers: number[]; scores: number[] }>(Prisma.sql`
    SELECT t.id, ARRAY[${Prisma.join(opts.columns.map(columnTier))}]::int[] AS tiers, ARRAY[${Prisma.join(opts.columns.map(columnScore))}]::float8[] AS scores
    FROM (${Prisma.join(branches, " UNION ")}) t
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
