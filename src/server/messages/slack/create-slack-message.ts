// An outbound Slack message: text to a conversation (channel, DM or group id) of a workspace the account installed
// the app in, posted by the sender with chat.postMessage. Slack messages cost nothing (price 0).
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import type { CreateMessageOptions } from "@/server/messages/create-message";
import type { MessageView } from "@/server/messages/message-view";
import type { ZCreateMessageInput } from "@/server/messages/messages.schemas";
import { queueChatMessage } from "@/server/messages/queue-chat-message";
import type { Actor } from "@/server/tenancy";
import type { z } from "zod";

type Input = z.output<typeof ZCreateMessageInput>;

export async function createSlackMessage(actor: Actor, input: Input, opts: CreateMessageOptions): Promise<MessageView> {
  const ws = await db.slackWorkspace.findFirst({ where: { tenantId: actor.tenantId, teamId: input.from }, select: { id: true } });
  if (!ws) throw fieldError("from", `${input.from} is not a Slack workspace installed for this account (Settings → Channels)`);
  return queueChatMessage(actor, { channel: "SLACK", from: input.from, ...(input.threadTs ? { payload: { thread_ts: input.threadTs } } : {}) }, input, opts);
}
