// One paging convention for every list route: `?limit=&starting_after=<id>`, newest first, and a list
// envelope `{ data, has_more, next_starting_after }` where the last value is what to pass for the next page.
import { z } from "zod";
import type { Page } from "@/server/shared/paging";

export const ZPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: "Items per page, 1 to 100", example: 20 }),
  starting_after: z.string().max(64).optional().meta({ description: "Return items after this id (the previous page's `next_starting_after`)" }),
});

export function listOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      has_more: z.boolean().meta({ description: "Whether another page follows" }),
      next_starting_after: z.string().nullable().meta({ description: "Pass as `starting_after` to fetch the next page; null on the last page" }),
    })
    .meta({ id });
}

/** The list envelope of a use-case's page (src/server/shared/paging.ts). */
export function toList<T, R>(page: Page<T>, map: (item: T) => R) {
  return { data: page.items.map(map), has_more: page.hasMore, next_starting_after: page.nextCursor };
}
