// What the global search's searchers share: the kinds of thing it finds, how a hit matched (its tier), and the
// searcher contract. A new kind (messages, once there is a Message model) is one more searcher file implementing
// `Searcher` and one more entry in SEARCH_KINDS and in global-search.ts's list.
import type { SearchQuery } from "@/server/admin/global-search/search-query";

/** In this order when hits tie on tier and score: the things staff look up most come first. */
export const SEARCH_KINDS = ["tenant", "user", "phone_number", "call", "invitation", "caller_id", "api_key"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** exact: the whole id, sid, number or address; prefix: the start of one; similar: part of it or a likeness (pg_trgm). */
export type MatchTier = "exact" | "prefix" | "similar";
export const TIER_RANK: Record<MatchTier, number> = { exact: 3, prefix: 2, similar: 1 };

export interface SearchHit {
  kind: SearchKind;
  /** The row's id (a call's sid, a number's PN sid). */
  id: string;
  /** The line staff recognise: a tenant's name, an email, an E.164 number, a call sid. */
  title: string;
  /** The second line: slug and AccountSid, a user's name, a call's from → to and status. */
  detail: string;
  /** Where the hit belongs (its tenant's page); null for what belongs to no tenant (staff, users without one). */
  tenant: { id: string; name: string } | null;
  /** Platform staff (users only): their page is the staff list. */
  staff?: boolean;
  /** The field that matched: "id", "accountSid", "email", "name", "number", "channel uuid", … */
  matchedOn: string;
  tier: MatchTier;
  /** Within a tier, higher first: trigram word similarity in [0, 1] for "similar", 1 for exact and prefix. */
  score: number;
}

/** A row a searcher's query matched, before its details are read. */
export interface Match {
  id: string;
  tier: MatchTier;
  score: number;
  matchedOn: string;
}

export interface Searcher {
  kind: SearchKind;
  /** At most `limit` hits, best first. Returns [] at once when the query cannot name this kind. */
  search(query: SearchQuery, limit: number): Promise<SearchHit[]>;
}

/** The tier of a rank as the SQL computes it (3 exact, 2 prefix, 1 similar). */
export const tierOfRank = (rank: number): MatchTier => (rank >= 3 ? "exact" : rank === 2 ? "prefix" : "similar");
