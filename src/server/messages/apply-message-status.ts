// A provider's status report for a message it carries (Twilio's StatusCallback, Telnyx's message.sent/finalized):
// recorded once per report (MessagingWebhookReceipt), and only forward (a late `sent` never undoes `delivered`).
import { notifyMessageConversations } from "@/server/inbox/notify-inbox-changed";
import type { MessageStatus } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { MESSAGE_VIEW_SELECT, messageEventData } from "@/server/messages/message-view";
import type { MessagingProviderName } from "@/server/messages/providers/messaging-provider";
import { emitMessageEvents } from "@/server/messages/emit-message-events";
import { MESSAGE_STATUS_RANK as RANK, queueMessageStatusCallbacks } from "@/server/messages/queue-message-status-callbacks";

export type ApplyStatusResult = "applied" | "duplicate" | "unchanged" | "unknown_message";

export async function applyMessageStatus(input: {
  provider: MessagingProviderName;
  eventKey: string;
  providerMessageId: string;
  status: MessageStatus;
  errorCode?: number | null;
  errorMessage?: string | null;
}): Promise<ApplyStatusResult> {
  const result = await db.$transaction(async (tx) => {
    const message = await tx.message.findUnique({ where: { provider_providerMessageId: { provider: input.provider, providerMessageId: input.providerMessageId } }, select: MESSAGE_VIEW_SELECT });
    // Not recorded: the provider retries, and by then the sender has stored the provider's id.
    if (!message) return { outcome: "unknown_message" as const };
    const inserted = await tx.$executeRaw`INSERT INTO "MessagingWebhookReceipt" (provider, "eventKey", "receivedAt") VALUES (${input.provider}, ${input.eventKey}, (now() AT TIME ZONE 'UTC')) ON CONFLICT DO NOTHING`;
    if (inserted === 0) return { outcome: "duplicate" as const };
    if (RANK[input.status] <= RANK[message.status]) return { outcome: "unchanged" as const };
    const now = new Date();
    const updated = await tx.message.update({
      where: { id: message.id },
      data: {
        status: input.status,
        ...(input.status === "DELIVERED" ? { deliveredAt: now } : {}),
        ...(input.status === "READ" ? { readAt: now } : {}),
        ...(input.status === "SENT" && !message.sentAt ? { sentAt: now } : {}),
        ...(input.errorCode !== undefined && input.errorCode !== null ? { errorCode: input.errorCode } : {}),
        ...(input.errorMessage ? { errorMessage: input.errorMessage } : {}),
      },
      select: MESSAGE_VIEW_SELECT,
    });
    const type = `message.${input.status.toLowerCase()}` as "message.sent" | "message.delivered" | "message.undelivered" | "message.failed" | "message.read";
    await emitMessageEvents(tx, [{ tenantId: updated.tenantId, type, data: messageEventData(updated) }]);
    await queueMessageStatusCallbacks(tx, [updated]);
    await notifyMessageConversations(tx, [updated.id]);
    return { outcome: "applied" as const, updated };
  });
  return result.outcome;
}
