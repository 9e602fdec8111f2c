// An outbound Slack message: text to a conversation (channel, DM or group id) of a workspace the account installed
// the app in, posted by the sender with chat.postMessage. Slack messages cost nothing (price 0).
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import type { CreateMessageOptions } from "@/server/messages/create-message";
import type { MessageView } from "@/server/messages/message-view";
import { queueChatMessage, type ChatMessageInput } from "@/server/messages/queue-chat-message";
import type { Actor } from "@/server/tenancy";

export async function createSlackMessage(actor: Actor, input: ChatMessageInput, opts: CreateMessageOptions): Promise<MessageView> {
  return queueChatMessage(actor, "SLACK", input, opts, async () => {
    const ws = await db.slackWorkspace.findFirst({ where: { tenantId: actor.tenantId, teamId: input.from }, select: { id: true } });
    if (!ws) throw fieldError("from", `${input.from} is not a Slack workspace installed for this account (Settings → Channels)`);
  });
}
