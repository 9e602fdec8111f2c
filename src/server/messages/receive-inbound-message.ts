// An inbound SMS/MMS from a provider's webhook, processed once (MessagingWebhookReceipt, in the same transaction as
// the message): stored `received` on the tenant whose number it reached, priced per segment, announced as
// message.received; an opt-out keyword updates the suppression list and queues the standard reply. Then, after the
// commit, the number's SMS handler (smsUrl) is asked as Twilio asks it and its TwiML <Message> replies are queued.
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { createMessage } from "@/server/messages/create-message";
import { forwardInboundMessage } from "@/server/messages/forward-inbound-message";
import type { MessageView } from "@/server/messages/message-view";
import { storeInboundMessage } from "@/server/messages/store-inbound-message";
import { priceMessage, DEFAULT_MESSAGING_RATES } from "@/server/messages/message-pricing";
import { classifyKeyword, KEYWORD_REPLIES } from "@/server/messages/opt-out-keywords";
import type { MessagingProviderName } from "@/server/messages/providers/messaging-provider";
import { countSmsSegments } from "@/server/messages/sms-segments";
import { newId } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";
import type { HostResolver } from "@/server/webhooks/ssrf-guard";

export interface InboundMessageInput {
  provider: MessagingProviderName;
  eventKey: string;
  providerMessageId: string;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
}

export type ReceiveResult = { outcome: "duplicate" } | { outcome: "unknown_number" } | { outcome: "received"; message: MessageView; replies: string[] };

export async function receiveInboundMessage(input: InboundMessageInput, opts: { resolve?: HostResolver } = {}): Promise<ReceiveResult> {
  const keyword = classifyKeyword(input.body);
  const done = await db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO "MessagingWebhookReceipt" (provider, "eventKey", "receivedAt") VALUES (${input.provider}, ${input.eventKey}, (now() AT TIME ZONE 'UTC')) ON CONFLICT DO NOTHING`;
    if (inserted === 0) return { outcome: "duplicate" as const };
    const number = await tx.phoneNumber.findUnique({
      where: { e164: input.to },
      select: { id: true, tenantId: true, smsUrl: true, smsMethod: true, tenant: { select: { currency: true, pricePlan: true } } },
    });
    if (!number) return { outcome: "unknown_number" as const };
    const channel = input.mediaUrls.length ? "MMS" : "SMS";
    const segments = countSmsSegments(input.body);
    const rates = number.tenant.pricePlan ?? DEFAULT_MESSAGING_RATES;
    const priceMicros = priceMessage(rates, channel, "INBOUND", channel === "MMS" ? 1 : segments.numSegments);
    const message = await storeInboundMessage(
      tx,
      {
        tenantId: number.tenantId, channel, from: input.from, to: input.to, body: input.body, mediaUrls: input.mediaUrls, phoneNumberId: number.id,
        provider: input.provider, providerMessageId: input.providerMessageId, numSegments: channel === "MMS" ? 1 : segments.numSegments,
        encoding: channel === "SMS" ? segments.encoding : null, priceMicros, currency: number.tenant.currency, charged: true,
      },
      { keyword: keyword?.keyword ?? null },
    );
    if (priceMicros > 0n) {
      const [t] = await tx.$queryRaw<{ creditMicros: bigint }[]>`UPDATE "Tenant" SET "creditMicros" = "creditMicros" - ${priceMicros} WHERE id = ${number.tenantId} RETURNING "creditMicros"`;
      await tx.creditLedgerEntry.create({ data: { id: newId("cle"), tenantId: number.tenantId, amountMicros: -priceMicros, balanceAfter: t!.creditMicros, currency: number.tenant.currency, reason: `message ${message.id} (inbound)` } });
    }
    if (keyword?.action === "opt_out") {
      await tx.messagingSuppression.upsert({
        where: { tenantId_address: { tenantId: number.tenantId, address: input.from } },
        create: { id: newId("sup"), tenantId: number.tenantId, address: input.from, source: "keyword", keyword: keyword.keyword },
        update: {},
      });
    } else if (keyword?.action === "opt_in") {
      await tx.messagingSuppression.deleteMany({ where: { tenantId: number.tenantId, address: input.from } });
    }
    return { outcome: "received" as const, message, smsUrl: number.smsUrl, smsMethod: number.smsMethod };
  });
  if (done.outcome !== "received") return done;

  const { message } = done;
  const system: Actor = { tenantId: message.tenantId, role: "DEVELOPER", userId: null, apiKeyId: null, impersonatorId: null, requestId: `inbound:${message.id}` };
  const replies: string[] = [];
  if (keyword) {
    const reply = await createMessage(system, { channel: "sms", from: input.to, to: input.from, body: KEYWORD_REPLIES[keyword.action], dedupeKey: `keyword:${message.id}` }, { surface: "native", system: { inReplyToId: message.id } });
    replies.push(reply.id);
  }
  if (done.smsUrl) {
    for (const twiml of await forwardInboundMessage(message, { url: done.smsUrl, method: done.smsMethod, optOut: keyword?.action ?? null, resolve: opts.resolve })) {
      try {
        const reply = await createMessage(
          system,
          { channel: twiml.mediaUrls.length ? "mms" : "sms", from: twiml.from ?? input.to, to: twiml.to ?? input.from, body: twiml.body, mediaUrls: twiml.mediaUrls },
          { surface: "twilio" },
        );
        replies.push(reply.id);
      } catch (err) {
        // A reply to a sender who just opted out, or from a number not the account's: dropped, as Twilio drops it.
        logger.info({ err, inboundId: message.id }, "a TwiML <Message> reply was refused");
      }
    }
  }
  return { outcome: "received", message, replies };
}
