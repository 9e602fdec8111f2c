import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { INBOX_ADMIN_ROLE } from "@/server/inbox/conversation-view";
import { ZSetInboxTeamMembersInput, type TSetInboxTeamMembersInput } from "@/server/inbox/inbox.schemas";
import { writeInboxTeamMembers } from "@/server/inbox/inbox-team-members";
import { assertRole, type Actor } from "@/server/tenancy";

export async function setInboxTeamMembers(actor: Actor, rawInput: TSetInboxTeamMembersInput): Promise<{ id: string; memberUserIds: string[] }> {
  assertRole(actor, INBOX_ADMIN_ROLE);
  const input = ZSetInboxTeamMembersInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const team = await tx.inboxTeam.findFirst({ where: { id: input.id, tenantId: actor.tenantId }, select: { id: true, members: { select: { userId: true } } } });
    if (!team) throw notFound("team");
    await writeInboxTeamMembers(tx, actor.tenantId, team.id, input.memberUserIds);
    await recordAudit(tx, actor, { action: "inbox_team.members_set", targetType: "inbox_team", targetId: team.id, before: team.members.map((m) => m.userId), after: input.memberUserIds });
    return { id: team.id, memberUserIds: input.memberUserIds };
  });
}
