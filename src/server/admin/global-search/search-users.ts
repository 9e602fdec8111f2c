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
      matchText({ table: "User", columns: [{ column: "email", label: "email", lowerCaseUnique: true }, { column: "name", label: "name" }], query: q, limit }),
    ]);
    return describeMatches(
      matches.flat(),
      (ids) =>
        db.user.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            email: true,
            name: true,
            isPlatformStaff: true,
            memberships: { orderBy: { createdAt: "asc" }, take: 1, select: { role: true, tenant: { select: { id: true, name: true } } } },
            _count: { select: { memberships: true } },
          },
        }),
      (u) => {
        const first = u.memberships[0];
        const more = u._count.memberships > 1 ? ` (+${u._count.memberships - 1} more)` : "";
        const where = u.isPlatformStaff ? "platform staff" : first ? `${first.role.toLowerCase()} of ${first.tenant.name}${more}` : "no workspace";
        return { kind: "user", title: u.email, detail: `${u.name} · ${where}`, tenant: first?.tenant ?? null, staff: u.isPlatformStaff };
      },
    );
  },
};
