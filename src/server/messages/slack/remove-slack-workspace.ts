import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** Forgets an installed Slack workspace and its bot token; another account's reads as not found. */
export async function removeSlackWorkspace(actor: Actor, input: { slackWorkspaceId: string }): Promise<{ id: string }> {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  return db.$transaction(async (tx) => {
    const row = await tx.slackWorkspace.findFirst({ where: { id: input.slackWorkspaceId, tenantId: actor.tenantId }, select: { id: true, teamId: true, teamName: true } });
    if (!row) throw new AppError("NOT_FOUND", "Slack workspace not found");
    await tx.slackWorkspace.delete({ where: { id: row.id } });
    await recordAudit(tx, actor, { action: "slack.workspace_removed", targetType: "slack_workspace", targetId: row.id, before: { teamId: row.teamId, teamName: row.teamName }, after: null });
    return { id: row.id };
  });
}
