// One order for hits, within a kind and across kinds: tier (exact, prefix, similar), then score, then the kinds'
// order, then title; and one hit per row when several keys of it matched (a tenant by slug and by name).
import { SEARCH_KINDS, TIER_RANK, type Match, type SearchHit } from "@/server/admin/global-search/search-types";

export function compareHits(a: SearchHit, b: SearchHit): number {
  return TIER_RANK[b.tier] - TIER_RANK[a.tier] || b.score - a.score || SEARCH_KINDS.indexOf(a.kind) - SEARCH_KINDS.indexOf(b.kind) || a.title.localeCompare(b.title);
}

/** The best match of each id (higher tier, then higher score), in the order first seen. */
export function bestPerId(matches: Match[]): Match[] {
  const best = new Map<string, Match>();
  for (const m of matches) {
    const seen = best.get(m.id);
    if (!seen || TIER_RANK[m.tier] > TIER_RANK[seen.tier] || (m.tier === seen.tier && m.score > seen.score)) best.set(m.id, m);
  }
  return [...best.values()];
}

/** The hits of `matches` (best per id), described from their rows read by id; a row gone since is left out. */
export async function describeMatches<R extends { id: string }>(
  matches: Match[],
  read: (ids: string[]) => Promise<R[]>,
  describe: (row: R) => Omit<SearchHit, "id" | "tier" | "score" | "matchedOn">,
): Promise<SearchHit[]> {
  const best = bestPerId(matches);
  if (best.length === 0) return [];
  const rows = new Map((await read(best.map((m) => m.id))).map((r) => [r.id, r]));
  return best.flatMap((m) => {
    const row = rows.get(m.id);
    return row ? [{ ...describe(row), id: m.id, tier: m.tier, score: m.score, matchedOn: m.matchedOn }] : [];
  });
}
