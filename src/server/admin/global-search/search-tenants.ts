// Tenants by id (tn_…), AccountSid (AC…), slug or name.
import { db } from "@/server/db";
import { describeMatches } from "@/server/admin/global-search/hits";
import { matchId } from "@/server/admin/global-search/id-match";
import type { Searcher } from "@/server/admin/global-search/search-types";
import { matchText } from "@/server/admin/global-search/text-match";

export const searchTenants: Searcher = {
  kind: "tenant",
  async search(q, limit) {
    const matches = await Promise.all([
      q.ulid?.prefix === "tn_" ? matchId({ table: "Tenant", label: "id", key: q.ulid, limit }) : [],
      q.sid?.prefix === "AC" ? matchId({ table: "Tenant", column: "accountSid", label: "AccountSid", key: q.sid, limit }) : [],
      matchText({ table: "Tenant", columns: [{ column: "name", label: "name" }, { column: "slug", label: "slug" }], query: q, limit }),
    ]);
    return describeMatches(
      matches.flat(),
      (ids) => db.tenant.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true, accountSid: true, status: true, deletionRequestedAt: true } }),
      (t) => {
        const state = t.deletionRequestedAt ? " · deletion pending" : t.status === "SUSPENDED" ? " · suspended" : "";
        return { kind: "tenant", title: t.name, detail: `${t.slug} · ${t.accountSid}${state}`, tenant: { id: t.id, name: t.name } };
      },
    );
  },
};
