// Twilio's list envelope for a forward-only cursor (PageToken "PA<last id>"): the list key, uri, first/next page
// uris, page, page_size, start, end. Shared by the Twilio-compatible list resources.
import { z } from "zod";
import { twilioBadRequest } from "@/server/twilio/twilio-errors";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export const ZTwilioPageQuery = z.object({
  PageSize: z.coerce.number().int().min(1).max(1000).optional(),
  Page: z.coerce.number().int().min(0).optional(),
  PageToken: z.string().max(80).optional(),
});

/** The cursor, page and page size a list request asks for. */
export function readPageQuery(q: z.infer<typeof ZTwilioPageQuery>, idPattern: RegExp): { cursor: string | undefined; page: number; pageSize: number } {
  const page = q.Page ?? 0;
  const pageSize = Math.min(q.PageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (q.PageToken !== undefined) {
    const id = q.PageToken.startsWith("PA") ? q.PageToken.slice(2) : "";
    if (!idPattern.test(id)) throw twilioBadRequest(20001, "Invalid PageToken; follow next_page_uri");
    return { cursor: id, page, pageSize };
  }
  if (page > 0) throw twilioBadRequest(20001, "Page greater than 0 needs its PageToken; follow next_page_uri");
  return { cursor: undefined, page, pageSize };
}

export function twilioPage<T>(
  listKey: string,
  items: T[],
  opts: { path: string; filters: Record<string, string | undefined>; page: number; pageSize: number; pageToken: string | null; nextCursor: string | null },
): Record<string, unknown> {
  const uri = (page: number, token: string | null) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(opts.filters)) if (value !== undefined) search.set(name, value);
    search.set("PageSize", String(opts.pageSize));
    search.set("Page", String(page));
    if (token) search.set("PageToken", token);
    return `${opts.path}?${search.toString()}`;
  };
  const start = opts.page * opts.pageSize;
  return {
    [listKey]: items,
    uri: uri(opts.page, opts.pageToken),
    first_page_uri: uri(0, null),
    next_page_uri: opts.nextCursor ? uri(opts.page + 1, `PA${opts.nextCursor}`) : null,
    previous_page_uri: null,
    page: opts.page,
    page_size: opts.pageSize,
    start,
    end: start + Math.max(items.length - 1, 0),
  };
}
