import { db } from "@/server/db";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { assertRole, type Actor } from "@/server/tenancy";
import { SLACK_WORKSPACE_SELECT, toSlackWorkspaceView, type SlackWorkspaceView } from "./slack-workspace-view";

/** The account's installed Slack workspaces. */
export async function findSlackWorkspaces(actor: Actor): Promise<SlackWorkspaceView[]> {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  return (await db.slackWorkspace.findMany({ where: { tenantId: actor.tenantId }, select: SLACK_WORKSPACE_SELECT, orderBy: { createdAt: "asc" } })).map(toSlackWorkspaceView);
}
