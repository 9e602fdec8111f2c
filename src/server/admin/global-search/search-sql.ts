// What the searchers' SQL shares: quoting their own table and column names, and running a statement where the
// planner must use the indexes.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";

/** A table or column name, quoted (always one of the searchers' own constants, never input). */
export const ident = (name: string, alias = "") => Prisma.raw(`${alias}"${name.replace(/"/g, "")}"`);

/**
 * Rows of a search statement, planned to read its indexes as bitmaps: sequential scans and plain index scans are
 * ruled out for it. pg_trgm's operators are costed like plain comparisons, so on its own the planner picks, on the
 * 10,000 tenants, a scan computing word similarity for every row (80 ms measured) over the GIN index that rechecks a
 * few hundred (under 1 ms); and under a LIMIT, a walk of the users' primary key testing each row (9,000 rows,
 * 70–240 ms for "Mary Johnson") over a bitmap of the rows that match (under 30 ms).
 */
export async function queryByIndex<T>(sql: Prisma.Sql): Promise<T[]> {
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`,
    db.$queryRaw<T[]>(sql),
  ]);
  return rows;
}
