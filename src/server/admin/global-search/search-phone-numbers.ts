// The platform's phone numbers (DIDs held by tenants) by PN sid, by their digits (whole or any part) or by
// friendly name.
import { db } from "@/server/db";
import { describeMatches } from "@/server/admin/global-search/hits";
import { matchId } from "@/server/admin/global-search/id-match";
import { matchNumber } from "@/server/admin/global-search/number-match";
import type { Searcher } from "@/server/admin/global-search/search-types";
import { matchText } from "@/server/admin/global-search/text-match";

export const searchPhoneNumbers: Searcher = {
  kind: "phone_number",
  async search(q, limit) {
    const matches = await Promise.all([
      q.sid?.prefix === "PN" ? matchId({ table: "PhoneNumber", label: "sid", key: q.sid, limit }) : [],
      q.digits ? matchNumber({ table: "PhoneNumber", digits: q.digits, limit }) : [],
      q.digits ? [] : matchText({ table: "PhoneNumber", columns: [{ column: "friendlyName", label: "friendly name" }], query: q, limit }),
    ]);
    return describeMatches(
      matches.flat(),
      (ids) => db.phoneNumber.findMany({ where: { id: { in: ids } }, select: { id: true, e164: true, friendlyName: true, origin: true, tenant: { select: { id: true, name: true } } } }),
      (n) => ({ kind: "phone_number", title: n.e164, detail: `${n.friendlyName ? `${n.friendlyName} · ` : ""}${n.origin.toLowerCase()} · ${n.tenant.name}`, tenant: n.tenant }),
    );
  },
};
