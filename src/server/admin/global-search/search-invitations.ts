// Pending invitations by the invited address: someone support hears from before they have an account.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { describeMatches } from "@/server/admin/global-search/hits";
import type { Searcher } from "@/server/admin/global-search/search-types";
import { matchText } from "@/server/admin/global-search/text-match";

const PENDING = Prisma.sql`"acceptedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > (now() AT TIME ZONE 'UTC')`;

export const searchInvitations: Searcher = {
  kind: "invitation",
  async search(q, limit) {
    return describeMatches(
      await matchText({ table: "Invitation", columns: [{ column: "email", label: "email" }], query: q, limit, where: PENDING }),
      (ids) => db.invitation.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, role: true, tenant: { select: { id: true, name: true } } } }),
      (i) => ({ kind: "invitation", title: i.email, detail: `invited as ${i.role.toLowerCase()} to ${i.tenant.name}`, tenant: i.tenant }),
    );
  },
};
