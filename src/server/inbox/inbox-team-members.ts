import type { Tx } from "@/server/db";
import { fieldError } from "@/server/errors";

/** Replaces a team's members; every one must be a member of the tenant (else a 400 naming memberUserIds). */
export async function writeInboxTeamMembers(tx: Tx, tenantId: string, teamId: string, userIds: string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  const members = await tx.membership.count({ where: { tenantId, userId: { in: unique } } });
  if (members !== unique.length) throw fieldError("memberUserIds", "every team member must be a member of this account");
  await tx.inboxTeamMember.deleteMany({ where: { tenantId, teamId } });
  if (unique.length) await tx.inboxTeamMember.createMany({ data: unique.map((userId) => ({ tenantId, teamId, userId })) });
}
