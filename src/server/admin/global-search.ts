// Platform staff's global search (the Cmd/Ctrl-K box in /admin): one text, every kind of thing at once — tenants,
// users, pending invitations, phone numbers, caller IDs, calls (by sid, channel uuid or recording sid) and API
// keys — ranked across kinds: whole ids, sids, numbers and addresses first, then starts of them, then trigram
// likeness. Each searcher (global-search/search-*.ts) reads only through indexes; they run side by side.
// Messages join as one more searcher once they exist (their SM/MM sids are already read by parseSearchQuery).
import { z } from "zod";
import { compareHits } from "@/server/admin/global-search/hits";
import { searchApiKeys } from "@/server/admin/global-search/search-api-keys";
import { searchCallerIds } from "@/server/admin/global-search/search-caller-ids";
import { searchCalls } from "@/server/admin/global-search/search-calls";
import { searchInvitations } from "@/server/admin/global-search/search-invitations";
import { searchPhoneNumbers } from "@/server/admin/global-search/search-phone-numbers";
import { parseSearchQuery } from "@/server/admin/global-search/search-query";
import { searchTenants } from "@/server/admin/global-search/search-tenants";
import { SEARCH_KINDS, type SearchHit, type Searcher } from "@/server/admin/global-search/search-types";
import { searchUsers } from "@/server/admin/global-search/search-users";
import { validateInput } from "@/server/shared/validate-input";

const SEARCHERS: Searcher[] = [searchTenants, searchUsers, searchPhoneNumbers, searchCalls, searchInvitations, searchCallerIds, searchApiKeys];

export const ZGlobalSearchInput = z.strictObject({
  q: z.string().trim().min(2, "type at least 2 characters").max(200, "at most 200 characters"),
  limit: z.number().int().min(1, "at least 1").max(50, "at most 50").default(20),
  /** Only these kinds (all when left out). */
  kinds: z.array(z.enum(SEARCH_KINDS)).min(1, "at least one kind").optional(),
});
export type TGlobalSearchInput = z.input<typeof ZGlobalSearchInput>;
export type { SearchHit, SearchKind } from "@/server/admin/global-search/search-types";

export async function globalSearch(input: TGlobalSearchInput): Promise<{ query: string; hits: SearchHit[] }> {
  const { q, limit, kinds } = validateInput(ZGlobalSearchInput, input);
  const query = parseSearchQuery(q);
  const searchers = SEARCHERS.filter((s) => !kinds || kinds.includes(s.kind));
  const found = await Promise.all(searchers.map((s) => s.search(query, limit)));
  return { query: query.text, hits: found.flat().sort(compareHits).slice(0, limit) };
}
