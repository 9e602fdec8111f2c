// The queued row of a chat-channel message (Slack, Telegram, Discord): free (price 0, one "segment"), from an
// endpoint the caller already checked the account owns, in the conversation the inbox named. The sender delivers it.
import type { Prisma } from "@/generated/prisma/client";
import type { MessageChannel } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { CreateMessageOptions } from "@/server/messages/create-message";
import { insertQueuedMessage } from "@/server/messages/insert-queued-message";
import type { MessageView } from "@/server/messages/message-view";
import type { ZCreateMessageInput } from "@/server/messages/messages.schemas";
import { newSid } from "@/server/shared/ids";
import { assertTenantActive, type Actor } from "@/server/tenancy";
import type { z } from "zod";

type Input = z.output<typeof ZCreateMessageInput>;

export async function queueChatMessage(
  actor: Actor,
  message: { channel: MessageChannel; from: string; payload?: Prisma.InputJsonValue },
  input: Input,
  opts: CreateMessageOptions,
): Promise<MessageView> {
  const tenant = await db.tenant.findUnique({ where: { id: actor.tenantId }, select: { status: true, suspendedReason: true, currency: true } });
  if (!tenant) throw new AppError("NOT_FOUND", "account not found");
  assertTenantActive(tenant);
  const now = new Date();
  const data: Prisma.MessageUncheckedCreateInput = {
    id: newSid("SM"), tenantId: actor.tenantId, channel: message.channel, direction: "OUTBOUND", status: "QUEUED", from: message.from, to: input.to, body: input.body,
    mediaUrls: input.mediaUrls, payload: message.payload, numSegments: 1, priceMicros: 0n, currency: tenant.currency, statusCallbackUrl: input.statusCallback ?? null,
    statusCallbackMethod: input.statusCallbackMethod, apiSurface: opts.surface, dedupeKey: input.dedupeKey ?? null, apiKeyId: actor.apiKeyId,
    inReplyToId: opts.system?.inReplyToId ?? null, conversationId: opts.conversationId ?? null, nextAttemptAt: now, createdAt: now,
  };
  return insertQueuedMessage(actor.tenantId, data, opts);
}
