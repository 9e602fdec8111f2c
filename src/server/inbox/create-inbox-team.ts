import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { INBOX_ADMIN_ROLE } from "@/server/inbox/conversation-view";
import { ZCreateInboxTeamInput, type TCreateInboxTeamInput } from "@/server/inbox/inbox.schemas";
import { writeInboxTeamMembers } from "@/server/inbox/inbox-team-members";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

export async function createInboxTeam(actor: Actor, rawInput: TCreateInboxTeamInput): Promise<{ id: string; name: string }> {
  assertRole(actor, INBOX_ADMIN_ROLE);
  const input = ZCreateInboxTeamInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    if (await tx.inboxTeam.findFirst({ where: { tenantId: actor.tenantId, name: input.name }, select: { id: true } })) throw fieldError("name", `a team named ${input.name} exists`);
    const team = await tx.inboxTeam.create({ data: { id: newId("itm"), tenantId: actor.tenantId, name: input.name }, select: { id: true, name: true } });
    await writeInboxTeamMembers(tx, actor.tenantId, team.id, input.memberUserIds);
    await recordAudit(tx, actor, { action: "inbox_team.created", targetType: "inbox_team", targetId: team.id, after: { ...team, memberUserIds: input.memberUserIds } });
    return team;
  });
}
