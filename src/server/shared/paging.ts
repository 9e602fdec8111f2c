// One paging shape for every use-case that lists: input `{ cursor, limit }`, where the cursor is the id of the
// last item of the previous page, and a `Page` of `{ items, hasMore, nextCursor }`. tRPC's infinite queries read
// `cursor`/`nextCursor` as they are; the REST layer renames them to `starting_after`/`has_more` (api/paging.ts).
import { z } from "zod";

export const ZPageInput = z.object({
  cursor: z.string().min(1).max(64).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The page of rows fetched with `take: limit + 1`: the extra row only says that another page follows. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, hasMore, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}

/** Newest first, ties on createdAt broken by id, so rows sharing a timestamp are neither skipped nor repeated. */
export const NEWEST_FIRST: [{ createdAt: "desc" }, { id: "desc" }] = [{ createdAt: "desc" }, { id: "desc" }];

/** The rows after `cursor` in NEWEST_FIRST order. */
export function olderThan(cursor: { createdAt: Date; id: string }) {
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}
