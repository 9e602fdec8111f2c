// An outbound Slack message: text to a conversation (channel, DM or group id) of a workspace the account installed
// the app in, posted by the sender with chat.postMessage. Slack messages cost nothing (price 0).
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { insertQueuedMessage } from "@/server/messages/insert-queued-message";
import { AppError, fieldError } from "@/server/errors";
import type { CreateMessageOptions } from "@/server/messages/create-message";
import type { MessageView } from "@/server/messages/message-view";
import type { ZCreateMessageInput } from "@/server/messages/messages.schemas";
import { newSid } from "@/server/shared/ids";
import { assertTenantActive, type Actor } from "@/server/tenancy";
import type { z } from "zod";

type Input = z.output<typeof ZCreateMessageInput>;

export async function createSlackMessage(actor: Actor, input: Input, opts: CreateMessageOptions): Promise<MessageView> {
  const tenant = await db.tenant.findUnique({ where: { id: actor.tenantId }, select: { status: true, suspendedReason: true, currency: true } });
  if (!tenant) throw new AppError("NOT_FOUND", "account not found");
  assertTenantActive(tenant);
  const ws = await db.slackWorkspace.findFirst({ where: { tenantId: actor.tenantId, teamId: input.from }, select: { id: true } });
  if (!ws) throw fieldError("from", `${input.from} is not a Slack workspace installed for this account (Settings → Channels)`);
  const now = new Date();
  const data: Prisma.MessageUncheckedCreateInput = {
    id: newSid("SM"), tenantId: actor.tenantId, channel: "SLACK", direction: "OUTBOUND", status: "QUEUED", from: input.from, to: input.to, body: input.body,
    mediaUrls: [], numSegments: 1, priceMicros: 0n, currency: tenant.currency, statusCallbackUrl: input.statusCallback ?? null, statusCallbackMethod: input.statusCallbackMethod,
    apiSurface: opts.surface, dedupeKey: input.dedupeKey ?? null, apiKeyId: actor.apiKeyId, inReplyToId: opts.system?.inReplyToId ?? null, nextAttemptAt: now, createdAt: now,
  };
  return insertQueuedMessage(actor.tenantId, data, opts);
}
