// Discord's interactions at /api/webhooks/discord/<application id> (the application's Interactions Endpoint URL).
// Each request is verified first: Ed25519 (X-Signature-Ed25519 over X-Signature-Timestamp + raw body) with the
// application's public key; unsigned, badly signed or stale (more than five minutes off) → 401, as Discord expects.
// PING (type 1) → PONG. An APPLICATION_COMMAND (type 2, e.g. `/message text:…`) becomes an inbound message — from
// the channel it was used in, the contact being the user — stored once per interaction id, and is acknowledged with
// an ephemeral CHANNEL_MESSAGE_WITH_SOURCE (type 4), the same answer for a replay.
import { db } from "@/server/db";
import { storeChatBotInbound } from "@/server/messages/chat-bots/store-chat-bot-inbound";
import { DISCORD_SNOWFLAKE } from "@/server/messages/chat-bots/chat-bots.schemas";
import { verifyDiscordSignature } from "@/server/messages/providers/verify-provider-signatures";
import { jsonAnswer, refuseAnswer, type WebhookAnswer } from "@/server/messages/webhook-answer";

const PING = 1;
const APPLICATION_COMMAND = 2;
const PONG = 1;
const CHANNEL_MESSAGE_WITH_SOURCE = 4;
const EPHEMERAL = 64;

interface DiscordUser {
  id?: string;
  username?: string;
  global_name?: string | null;
}

interface CommandOption {
  name?: string;
  type?: number;
  value?: unknown;
  options?: CommandOption[];
}

interface Interaction {
  id?: string;
  application_id?: string;
  type?: number;
  data?: { id?: string; name?: string; options?: CommandOption[] };
  guild_id?: string;
  channel_id?: string;
  channel?: { id?: string };
  member?: { user?: DiscordUser };
  user?: DiscordUser;
}

/** The command's text: its `text` option, else its string options in order (subcommands flattened). */
function commandText(options: CommandOption[] = []): string {
  const flat = (list: CommandOption[]): CommandOption[] => list.flatMap((o) => (o.options ? flat(o.options) : [o]));
  const all = flat(options);
  const text = all.find((o) => o.name === "text" && typeof o.value === "string");
  if (text) return text.value as string;
  return all.filter((o) => typeof o.value === "string").map((o) => o.value as string).join(" ");
}

export async function receiveDiscordInteraction(req: Request, applicationId: string): Promise<WebhookAnswer> {
  const app = DISCORD_SNOWFLAKE.test(applicationId)
    ? await db.chatBot.findUnique({ where: { channel_externalId: { channel: "DISCORD", externalId: applicationId } }, select: { tenantId: true, externalId: true, publicKey: true, tenant: { select: { currency: true } } } })
    : null;
  if (!app?.publicKey) return refuseAnswer(404, "NOT_FOUND", "no connected Discord application has this id");
  const raw = await req.text();
  if (raw.length > 1024 * 1024) return refuseAnswer(413, "PAYLOAD_TOO_LARGE", "interaction too large");
  const verdict = verifyDiscordSignature({ publicKeyHex: app.publicKey, rawBody: raw, signature: req.headers.get("x-signature-ed25519"), timestamp: req.headers.get("x-signature-timestamp") });
  if (!verdict.ok) {
    const why = verdict.reason === "unsigned" ? "X-Signature-Ed25519 and X-Signature-Timestamp are required" : verdict.reason === "stale" ? "stale request: X-Signature-Timestamp is more than 5 minutes off" : "invalid request signature";
    return refuseAnswer(401, "UNAUTHENTICATED", why);
  }
  let interaction: Interaction;
  try {
    interaction = JSON.parse(raw) as Interaction;
  } catch {
    return refuseAnswer(400, "VALIDATION_FAILED", "body: not JSON");
  }
  if (interaction.type === PING) return jsonAnswer(200, { type: PONG });
  if (interaction.type !== APPLICATION_COMMAND) return refuseAnswer(400, "VALIDATION_FAILED", `type: interactions of type ${String(interaction.type)} are not handled (PING and APPLICATION_COMMAND are)`);
  const user = interaction.member?.user ?? interaction.user;
  const channelId = interaction.channel_id ?? interaction.channel?.id;
  if (!interaction.id || !user?.id || !channelId) return refuseAnswer(400, "VALIDATION_FAILED", "id, channel_id and member.user or user: required");
  await storeChatBotInbound({
    bot: { tenantId: app.tenantId, channel: "DISCORD", externalId: app.externalId, currency: app.tenant.currency },
    receiptId: interaction.id,
    chatId: channelId,
    senderId: user.id,
    body: commandText(interaction.data?.options),
    providerMessageId: interaction.id,
    payload: { command: interaction.data?.name ?? null, guild_id: interaction.guild_id ?? null, sender_username: user.username ?? null, sender_name: user.global_name ?? null },
  });
  return jsonAnswer(200, { type: CHANNEL_MESSAGE_WITH_SOURCE, data: { content: "Thanks, your message reached the team. Replies come in this channel.", flags: EPHEMERAL } });
}
