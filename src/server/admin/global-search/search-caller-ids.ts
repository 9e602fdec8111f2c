// Caller IDs tenants verified (numbers they show without owning them here) by CI sid or by their digits.
import { db } from "@/server/db";
import { describeMatches } from "@/server/admin/global-search/hits";
import { matchId } from "@/server/admin/global-search/id-match";
import { matchNumber } from "@/server/admin/global-search/number-match";
import type { Searcher } from "@/server/admin/global-search/search-types";

export const searchCallerIds: Searcher = {
  kind: "caller_id",
  async search(q, limit) {
    const matches = await Promise.all([
      q.sid?.prefix === "CI" ? matchId({ table: "CallerId", label: "sid", key: q.sid, limit }) : [],
      q.digits ? matchNumber({ table: "CallerId", digits: q.digits, limit }) : [],
    ]);
    return describeMatches(
      matches.flat(),
      (ids) => db.callerId.findMany({ where: { id: { in: ids } }, select: { id: true, e164: true, friendlyName: true, verifiedAt: true, tenant: { select: { id: true, name: true } } } }),
      (c) => ({ kind: "caller_id", title: c.e164, detail: `${c.friendlyName ? `${c.friendlyName} · ` : ""}caller ID, ${c.verifiedAt ? "verified" : "not verified"} · ${c.tenant.name}`, tenant: c.tenant }),
    );
  },
};
