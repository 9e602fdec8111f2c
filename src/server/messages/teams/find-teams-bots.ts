import { db } from "@/server/db";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { assertRole, type Actor } from "@/server/tenancy";
import { TEAMS_BOT_SELECT, toTeamsBotView, type TeamsBotView } from "./teams-bot-view";

/** The account's connected Teams bots. */
export async function findTeamsBots(actor: Actor): Promise<TeamsBotView[]> {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  return (await db.teamsBot.findMany({ where: { tenantId: actor.tenantId }, select: TEAMS_BOT_SELECT, orderBy: { createdAt: "asc" } })).map(toTeamsBotView);
}
