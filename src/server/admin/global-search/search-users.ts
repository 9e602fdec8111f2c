// Users (people who sign in) by id (usr_…), email or name; a hit leads to the first workspace they belong to.
import { db } from "@/server/db";
import { describeMatches } from "@/server/admin/global-search/hits";
import { matchId } from "@/server/admin/global-search/id-match";
import type { Searcher } from "@/server/admin/global-search/search-types";
import { matchText } from "@/server/admin/global-search/text-match";

export const searchUsers: Searcher = {
  kind: "user",
  async search(q, limit) {
    const matches = await Promise.all([
      q.ulid?.prefix === "usr_" ? matchId({ table: "User", label: "id", key: q.ulid, limit }) : [],
      matchText({ table: "User", columns: [{ column: "email", label: "email" }, { column: "name", label: "name" }], query: q, limit }),
    ]);
    return describeMatches(
      matches.flat(),
      async (ids) => {
        // Memberships read on their userId index (a nested count per user became a scan of every membership).
        const [users, memberships] = await Promise.all([
          db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true, isPlatformStaff: true } }),
          db.membership.findMany({ where: { userId: { in: ids } }, orderBy: { createdAt: "asc" }, select: { userId: true, role: true, tenant: { select: { id: true, name: true } } } }),
        ]);
        return users.map((u) => ({ ...u, memberships: memberships.filter((m) => m.userId === u.id) }));
      },
      (u) => {
        const [first, ...others] = u.memberships;
        const more = others.length ? ` (+${others.length} more)` : "";
        const where = u.isPlatformStaff ? "platform staff" : first ? `${first.role.toLowerCase()} of ${first.tenant.name}${more}` : "no workspace";
        return { kind: "user", title: u.email, detail: `${u.name} · ${where}`, tenant: first?.tenant ?? null, staff: u.isPlatformStaff };
      },
    );
  },
};
