import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { INBOX_ADMIN_ROLE } from "@/server/inbox/conversation-view";
import { ZInboxTeamIdInput } from "@/server/inbox/inbox.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** Removes a team; its conversations keep their assignee and lose the team. */
export async function deleteInboxTeam(actor: Actor, rawInput: { id: string }): Promise<{ deleted: true }> {
  assertRole(actor, INBOX_ADMIN_ROLE);
  const { id } = ZInboxTeamIdInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const before = await tx.inboxTeam.findFirst({ where: { id, tenantId: actor.tenantId }, select: { id: true, name: true } });
    if (!before) throw notFound("team");
    await tx.inboxTeam.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "inbox_team.deleted", targetType: "inbox_team", targetId: id, before });
    return { deleted: true as const };
  });
}
