// An outbound Telegram or Discord message: from a bot the account connected (Telegram: its id or @username;
// Discord: the application id), to a chat id / channel id; sent by the sender with the bot's token. Free (price 0).
// The message's `from` is stored as the bot's id whichever form was given, so replies and the inbox agree.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import type { CreateMessageOptions } from "@/server/messages/create-message";
import type { MessageView } from "@/server/messages/message-view";
import type { ZCreateMessageInput } from "@/server/messages/messages.schemas";
import { queueChatMessage } from "@/server/messages/queue-chat-message";
import type { Actor } from "@/server/tenancy";
import type { z } from "zod";

type Input = z.output<typeof ZCreateMessageInput>;

export async function createChatBotMessage(actor: Actor, input: Input & { channel: "telegram" | "discord" }, opts: CreateMessageOptions): Promise<MessageView> {
  const channel = input.channel === "telegram" ? "TELEGRAM" : "DISCORD";
  const byName = input.channel === "telegram" && !/^\d+$/.test(input.from) ? `@${input.from.replace(/^@/, "")}` : null;
  const bot = await db.chatBot.findFirst({
    where: { tenantId: actor.tenantId, channel, ...(byName ? { name: { equals: byName, mode: "insensitive" } } : { externalId: input.from }) },
    select: { externalId: true },
  });
  if (!bot) {
    const what = input.channel === "telegram" ? "a Telegram bot" : "a Discord application";
    throw fieldError("from", `${input.from} is not ${what} connected to this account (Settings → Channels)`);
  }
  const payload: Prisma.InputJsonValue | undefined = input.mediaUrls.length ? { type: "media", mediaType: input.mediaType ?? guessMediaType(input.mediaUrls[0]!) } : undefined;
  return queueChatMessage(actor, { channel, from: bot.externalId, payload }, input, opts);
}

/** Without media_type: a picture by its extension goes as a photo, anything else as a document. */
function guessMediaType(url: string): "image" | "document" {
  return /\.(jpe?g|png|gif|webp)$/i.test(new URL(url).pathname) ? "image" : "document";
}
