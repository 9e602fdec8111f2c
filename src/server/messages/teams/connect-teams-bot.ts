import { recordAudit } from "@/server/audit/record-audit";
import { sealSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { AppError, fieldError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { ZConnectTeamsBotInput, type TConnectTeamsBotInput } from "./teams.schemas";
import { TEAMS_BOT_SELECT, toTeamsBotView, type TeamsBotView } from "./teams-bot-view";
import { fetchTeamsToken, forgetTeamsTokens } from "./teams-token";

/** Which field Entra's refusal is about (AADSTS codes in error_description). */
function refusedField(error: string, description: string): string {
  if (/AADSTS(90002|900023|90013)\b/.test(description)) return "appTenantId";
  if (/AADSTS700016\b/.test(description) || error === "unauthorized_client") return "appId";
  return "clientSecret";
}

/**
 * Connects a tenant's Azure Bot (App ID, client secret sealed, Entra tenant). The credentials are proven first by
 * obtaining a Bot Connector token with them; connecting the same App ID again replaces the secret. A bot another
 * account connected is refused naming `appId` (its activities can belong to one account only).
 */
export async function connectTeamsBot(actor: Actor, rawInput: TConnectTeamsBotInput): Promise<TeamsBotView> {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  const input = ZConnectTeamsBotInput.parse(rawInput);
  const owner = await db.teamsBot.findUnique({ where: { appId: input.appId }, select: { tenantId: true } });
  if (owner && owner.tenantId !== actor.tenantId) throw fieldError("appId", "this bot is connected to another account");
  forgetTeamsTokens(input.appId);
  const token = await fetchTeamsToken(input);
  if (!token.ok) {
    if (token.retryable) throw new AppError("UNAVAILABLE", `Microsoft's token endpoint did not answer (${token.status || token.error}); try again`);
    throw fieldError(refusedField(token.error, token.description), `Microsoft refused the credentials (${token.error}${token.description ? `: ${token.description.split(/\r?\n/)[0]}` : ""})`);
  }
  const row = await db.$transaction(async (tx) => {
    const existing = await tx.teamsBot.findUnique({ where: { appId: input.appId }, select: { tenantId: true, name: true, appTenantId: true } });
    if (existing && existing.tenantId !== actor.tenantId) throw fieldError("appId", "this bot is connected to another account");
    const data = { name: input.name, appTenantId: input.appTenantId, clientSecretCipher: sealSecret(input.clientSecret), hint: input.clientSecret.slice(-4) };
    const saved = await tx.teamsBot.upsert({ where: { appId: input.appId }, update: data, create: { id: newId("tmb"), tenantId: actor.tenantId, appId: input.appId, ...data }, select: TEAMS_BOT_SELECT });
    const after = { appId: saved.appId, name: saved.name, appTenantId: saved.appTenantId, hint: saved.hint };
    const action = existing ? "teams.bot_updated" : "teams.bot_connected";
    await recordAudit(tx, actor, { action, targetType: "teams_bot", targetId: saved.id, before: existing && { name: existing.name, appTenantId: existing.appTenantId }, after });
    return saved;
  });
  return toTeamsBotView(row);
}
