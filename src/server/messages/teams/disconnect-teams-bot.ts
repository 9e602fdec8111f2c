import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { assertRole, type Actor } from "@/server/tenancy";
import { forgetTeamsTokens } from "./teams-token";

/** Forgets a connected Teams bot, its secret and its conversations; another account's reads as not found. */
export async function disconnectTeamsBot(actor: Actor, input: { teamsBotId: string }): Promise<{ id: string }> {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  const removed = await db.$transaction(async (tx) => {
    const row = await tx.teamsBot.findFirst({ where: { id: input.teamsBotId, tenantId: actor.tenantId }, select: { id: true, appId: true, name: true } });
    if (!row) throw new AppError("NOT_FOUND", "Teams bot not found");
    await tx.teamsBot.delete({ where: { id: row.id } });
    await recordAudit(tx, actor, { action: "teams.bot_disconnected", targetType: "teams_bot", targetId: row.id, before: { appId: row.appId, name: row.name }, after: null });
    return row;
  });
  forgetTeamsTokens(removed.appId);
  return { id: removed.id };
}
