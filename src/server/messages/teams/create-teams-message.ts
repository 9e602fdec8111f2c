// An outbound Teams message: text from a connected bot (`from` its App ID) to a conversation it has received an
// activity in (`to` its conversation id); the sender posts it to that conversation's serviceUrl. Price 0.
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import type { CreateMessageOptions } from "@/server/messages/create-message";
import type { MessageView } from "@/server/messages/message-view";
import type { ZCreateMessageInput } from "@/server/messages/messages.schemas";
import { queueChatMessage } from "@/server/messages/queue-chat-message";
import type { Actor } from "@/server/tenancy";
import type { z } from "zod";

export async function createTeamsMessage(actor: Actor, input: z.output<typeof ZCreateMessageInput>, opts: CreateMessageOptions): Promise<MessageView> {
  const appId = input.from.toLowerCase();
  const bot = await db.teamsBot.findFirst({ where: { tenantId: actor.tenantId, appId }, select: { id: true } });
  if (!bot) throw fieldError("from", `${input.from} is not a Teams bot connected to this account (Settings → Channels)`);
  const seen = await db.teamsConversation.findUnique({ where: { botId_conversationId: { botId: bot.id, conversationId: input.to } }, select: { id: true } });
  if (!seen) throw fieldError("to", `the bot has not received a message in conversation ${input.to}; a bot can write only where it has been spoken to`);
  return queueChatMessage(actor, { channel: "TEAMS", from: appId }, input, opts);
}
