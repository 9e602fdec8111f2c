import { db } from "@/server/db";
import type { Actor } from "@/server/tenancy";

export async function findMembers(actor: Actor) {
  const rows = await db.membership.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true, emailVerifiedAt: true } } },
    take: 1000,
  });
  return rows.map((m) => ({
    membershipId: m.id,
    role: m.role,
    joinedAt: m.createdAt,
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    emailVerified: Boolean(m.user.emailVerifiedAt),
    isYou: m.user.id === actor.userId,
  }));
}
