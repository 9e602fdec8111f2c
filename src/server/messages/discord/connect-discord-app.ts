// Connects a Discord application: the bot token is proven with GET /users/@me (a bot user) and the application it
// belongs to read with GET /applications/@me, whose id and verify_key must be the ones given (so interactions are
// checked with the right public key). Stored sealed; the Interactions Endpoint URL to set in the Developer Portal
// is /api/webhooks/discord/<application id> (Discord PINGs it when it is saved there).
import { AppError, fieldError } from "@/server/errors";
import type { ChatBotView } from "@/server/messages/chat-bots/chat-bot-view";
import { chatBotEnv, ZConnectDiscordAppInput, type TConnectDiscordAppInput } from "@/server/messages/chat-bots/chat-bots.schemas";
import { assertChatBotFree, saveChatBot } from "@/server/messages/chat-bots/save-chat-bot";
import { WHATSAPP_ADMIN_ROLE as CHANNEL_ADMIN_ROLE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

async function discordGet<T>(token: string, path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${chatBotEnv().DISCORD_API_BASE_URL.replace(/\/$/, "")}${path}`, { headers: { authorization: `Bot ${token}` }, signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw new AppError("UNAVAILABLE", `Discord could not be reached (${(e as Error).message})`);
  }
  const body = (await res.json().catch(() => ({}))) as T & { message?: string; code?: number };
  if (res.status === 401) throw fieldError("botToken", "Discord does not accept this bot token");
  if (!res.ok) throw new AppError("BAD_REQUEST", `Discord refused GET ${path} (${res.status}${body.message ? `: ${body.message}` : ""})`);
  return body;
}

export async function connectDiscordApp(actor: Actor, rawInput: TConnectDiscordAppInput): Promise<ChatBotView> {
  assertRole(actor, CHANNEL_ADMIN_ROLE);
  const input = ZConnectDiscordAppInput.parse(rawInput);
  await assertChatBotFree(actor, { channel: "DISCORD", externalId: input.applicationId }, "applicationId");
  const me = await discordGet<{ id?: string; username?: string; bot?: boolean }>(input.botToken, "/users/@me");
  if (!me.bot || !me.id) throw fieldError("botToken", "this token does not belong to a bot user");
  const app = await discordGet<{ id?: string; name?: string; verify_key?: string }>(input.botToken, "/applications/@me");
  if (app.id !== input.applicationId) throw fieldError("applicationId", `this bot belongs to application ${app.id ?? "?"}, not ${input.applicationId}`);
  if (app.verify_key && app.verify_key.toLowerCase() !== input.publicKey) throw fieldError("publicKey", "not this application's public key (General Information → Public Key)");
  return saveChatBot(actor, { channel: "DISCORD", externalId: input.applicationId, name: app.name ?? me.username ?? input.applicationId, token: input.botToken, publicKey: input.publicKey }, "applicationId");
}
