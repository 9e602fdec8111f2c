// The one way an inbound message of any channel (SMS, MMS, email, WhatsApp, Slack, Discord, Teams, Telegram) is
// stored: the row, `received`, its `message.received` event and its place in the automation queue, in the caller's
// transaction (the one that also
// records the provider's webhook receipt, so a replay stores nothing twice). What follows an arrival for every
// channel alike (the inbox's conversation) belongs here, not in each channel's webhook.
import type { Prisma } from "@/generated/prisma/client";
import { queueAutomation } from "@/server/automation/queue-automation";
import type { Tx } from "@/server/db";
import { attachInboundMessage } from "@/server/inbox/attach-inbound-message";
import { emitMessageEvents } from "@/server/messages/emit-message-events";
import { MESSAGE_VIEW_SELECT, messageEventData, type MessageView } from "@/server/messages/message-view";
import { newSid } from "@/server/shared/ids";

export type InboundMessageData = Omit<Prisma.MessageUncheckedCreateInput, "id" | "direction" | "status" | "conversationId">;

/** `opts.contactIdentity`: the sender's identity when `from` is a chat rather than a person (attachInboundMessage). */
export async function storeInboundMessage(tx: Tx, data: InboundMessageData, eventExtras: Record<string, unknown> = {}, opts: { contactIdentity?: string } = {}): Promise<MessageView> {
  const { conversationId } = await attachInboundMessage(tx, { tenantId: data.tenantId, channel: data.channel, from: data.from, to: data.to, identity: opts.contactIdentity, createdAt: new Date() });
  const message = await tx.message.create({ data: { ...data, id: newSid("SM"), direction: "INBOUND", status: "RECEIVED", conversationId }, select: MESSAGE_VIEW_SELECT });
  await emitMessageEvents(tx, [{ tenantId: message.tenantId, type: "message.received", data: { ...messageEventData(message), ...eventExtras } }]);
  await queueAutomation(tx, message);
  return message;
}
