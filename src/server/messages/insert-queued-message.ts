// A channel's outbound message written `queued` (the sender takes it from there), with the Idempotency-Key's stored
// answer in the same transaction; a second message with the same key is a 409 naming it. It joins its inbox
// conversation: the inbox reply's own, else the latest between this sender and recipient on the channel (as SMS
// does in create-message.ts), so a WhatsApp or Slack reply shows in the thread it answers.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { CreateMessageOptions } from "@/server/messages/create-message";
import { MESSAGE_VIEW_SELECT, type MessageView } from "@/server/messages/message-view";

export async function insertQueuedMessage(tenantId: string, data: Prisma.MessageUncheckedCreateInput, opts: Pick<CreateMessageOptions, "idempotency" | "conversationId">): Promise<MessageView> {
  try {
    return await db.$transaction(async (tx) => {
      const conversationId =
        data.conversationId ??
        opts.conversationId ??
        (await tx.conversation.findFirst({ where: { tenantId, channel: data.channel, inboxAddress: data.from, contactAddress: data.to }, orderBy: { lastMessageAt: "desc" }, select: { id: true } }))?.id ??
        null;
      const message = await tx.message.create({ data: { ...data, conversationId }, select: MESSAGE_VIEW_SELECT });
      if (opts.idempotency) {
        const answer = opts.idempotency(message);
        await tx.idempotencyRecord.updateMany({ where: { id: answer.recordId, tenantId }, data: { state: "COMPLETED", responseStatus: answer.status, responseBody: answer.body } });
      }
      return message;
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `a message with Idempotency-Key "${data.dedupeKey ?? ""}" was already created; fetch it from the messages list`);
    throw e;
  }
}
