// API keys by their public id (AK…, the Basic-auth username a customer quotes), whole or its start.
import { db } from "@/server/db";
import { describeMatches } from "@/server/admin/global-search/hits";
import { matchId } from "@/server/admin/global-search/id-match";
import type { Searcher } from "@/server/admin/global-search/search-types";

export const searchApiKeys: Searcher = {
  kind: "api_key",
  async search(q, limit) {
    if (q.sid?.prefix !== "AK") return [];
    return describeMatches(
      await matchId({ table: "ApiKey", label: "key id", key: q.sid, limit }),
      (ids) => db.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, revokedAt: true, tenant: { select: { id: true, name: true } } } }),
      (k) => ({ kind: "api_key", title: k.id, detail: `API key "${k.name}"${k.revokedAt ? " (revoked)" : ""} · ${k.tenant.name}`, tenant: k.tenant }),
    );
  },
};
