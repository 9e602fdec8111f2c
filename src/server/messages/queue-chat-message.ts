// The outbound message of a chat channel (Slack, Teams, …) once its use-case has checked `from` and `to`: text only,
// free (price 0), queued for the sender, which resolves the channel's provider from `from`.
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

export type ChatMessageInput = z.output<typeof ZCreateMessageInput>;

/** Checks the account may send, lets `assertSender` refuse `from`/`to` naming the field, then queues the message. */
export async function queueChatMessage(
  actor: Actor,
  channel: MessageChannel,
  input: ChatMessageInput,
  opts: CreateMessageOptions,
  assertSender: () => Promise<void>,
): Promise<MessageView> {
  const tenant = await db.tenant.findUnique({ where: { id: actor.tenantId }, select: { status: true, suspendedReason: true, currency: true } });
  if (!tenant) throw new AppError("NOT_FOUND", "account not found");
  assertTenantActive(tenant);
  await assertSender();
  const now = new Date();
  const data: Prisma.MessageUncheckedCreateInput = {
    id: newSid("SM"), tenantId: actor.tenantId, channel, direction: "OUTBOUND", status: "QUEUED", from: input.from, to: input.to, body: input.body,
    mediaUrls: [], numSegments: 1, priceMicros: 0n, currency: tenant.currency, statusCallbackUrl: input.statusCallback ?? null, statusCallbackMethod: input.statusCallbackMethod,
    apiSurface: opts.surface, dedupeKey: input.dedupeKey ?? null, apiKeyId: actor.apiKeyId, inReplyToId: opts.system?.inReplyToId ?? null, nextAttemptAt: now, createdAt: now,
  };
  return insertQueuedMessage(actor.tenantId, data, opts);
}
