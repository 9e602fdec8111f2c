// Accepting an outbound message is the messaging API's hottest write (hundreds a second from one client), so like
// createCall it runs on the raw pool as single statements: one reads what the checks need (the account, the sender
// number, the price plan, the recipient's opt-out) and one inserts the message `queued` (with the Idempotency-Key's
// stored answer, when there is one, so both commit together). The sender (run-message-sender.ts) takes it from there:
// nothing is sent here. The credit is checked here against the message's price and debited when it is sent.
import type { DatabaseError } from "pg";
import type { IdempotencyCompletion } from "@/server/api/idempotency";
import { sqlPool } from "@/server/db";
import { AppError, fieldError } from "@/server/errors";
import { channelEnum, MAX_BODY_CHARS, MESSAGE_WRITE_ROLE, SENDABLE_CHANNELS, ZCreateMessageInput, type TCreateMessageInput } from "@/server/messages/messages.schemas";
import type { MessageView } from "@/server/messages/message-view";
import { priceMessage } from "@/server/messages/message-pricing";
import { renderMessageTemplate } from "@/server/messages/render-message-template";
import { countSmsSegments } from "@/server/messages/sms-segments";
import { createWhatsAppMessage } from "@/server/messages/whatsapp/create-whatsapp-message";
import { createChatBotMessage } from "@/server/messages/chat-bots/create-chat-bot-message";
import { createSlackMessage } from "@/server/messages/slack/create-slack-message";
import { createTeamsMessage } from "@/server/messages/teams/create-teams-message";
import { newSid } from "@/server/shared/ids";
import { assertRole, assertTenantActive, type Actor } from "@/server/tenancy";

export type MessageApiSurface = "native" | "twilio";

export interface CreateMessageOptions {
  surface: MessageApiSurface;
  idempotency?: (message: MessageView) => IdempotencyCompletion;
  /**
   * A message the platform sends itself (an opt-out confirmation): goes to a recipient who just opted out, and is
   * not refused for credit (the reply to STOP is owed whatever the balance).
   */
  system?: { inReplyToId: string };
  /**
   * A reply from the inbox (reply-to-conversation.ts, which checked the actor's inbox role and the conversation's
   * tenant): the conversation it belongs to. Without it, the latest conversation of from/to, if any.
   */
  conversationId?: string;
}

interface SenderRow {
  status: string;
  suspendedReason: string | null;
  creditMicros: string;
  currency: string;
  numberId: string | null;
  smsEnabled: boolean | null;
  mmsEnabled: boolean | null;
  smsOut: string;
  smsIn: string;
  mmsOut: string;
  suppressed: boolean;
  now: Date;
}

const CHECK_SQL = `
  SELECT t.status, t."suspendedReason", t."creditMicros"::text AS "creditMicros", t.currency,
    n.id AS "numberId", n."smsEnabled", n."mmsEnabled",
    COALESCE(p."smsOutboundMicrosPerSegment", 7900)::text AS "smsOut", COALESCE(p."smsInboundMicrosPerSegment", 7900)::text AS "smsIn",
    COALESCE(p."mmsOutboundMicrosPerMessage", 20000)::text AS "mmsOut",
    EXISTS (SELECT 1 FROM "MessagingSuppression" s WHERE s."tenantId" = t.id AND s.address = $3) AS suppressed,
    date_trunc('milliseconds', now()) AS now
  FROM "Tenant" t
    LEFT JOIN "PhoneNumber" n ON n."tenantId" = t.id AND n.e164 = $2
    LEFT JOIN "PricePlan" p ON p.id = t."pricePlanId"
  WHERE t.id = $1`;

/**
 * The inbox conversation an outbound message joins: the latest one between this endpoint and recipient on this
 * channel (SMS and MMS share one), whatever its status; none when they never wrote (src/server/inbox).
 */
const conversationOf = (tenant: string, channel: string, from: string, to: string) => `(
  SELECT c.id FROM "Conversation" c
  WHERE c."tenantId" = ${tenant} AND c.channel = (CASE WHEN ${channel}::text = 'MMS' THEN 'SMS' ELSE ${channel}::text END)::"MessageChannel"
    AND c."inboxAddress" = ${from} AND c."contactAddress" = ${to}
  ORDER BY c."lastMessageAt" DESC LIMIT 1)`;

// $1 id … $20; the answer $21–$23 (null: no Idempotency-Key); $24 the inbox conversation (else the latest of
// from/to). The opt-out is checked again by the insert itself, so
// a STOP that lands between the two statements still wins (no row: refused as suppressed).
const INSERT_SQL = `
  WITH msg AS (
    INSERT INTO "Message" (id, "tenantId", channel, direction, status, "from", "to", body, "mediaUrls", "phoneNumberId", "numSegments",
      encoding, "priceMicros", currency, "statusCallbackUrl", "statusCallbackMethod", "apiSurface", "dedupeKey", "apiKeyId", "inReplyToId",
      "nextAttemptAt", "createdAt", "updatedAt", "conversationId")
    SELECT $1, $2, $3::"MessageChannel", 'OUTBOUND', 'QUEUED', $4, $5, $6, $7::text[], $8, $9, $10, $11::bigint, $12, $13, $14, $15, $16, $17, $18,
      ($19::timestamptz AT TIME ZONE 'UTC'), ($19::timestamptz AT TIME ZONE 'UTC'), ($19::timestamptz AT TIME ZONE 'UTC'),
      COALESCE($24::text, ${conversationOf("$2", "$3", "$4", "$5")})
    WHERE $20::boolean OR NOT EXISTS (SELECT 1 FROM "MessagingSuppression" s WHERE s."tenantId" = $2 AND s.address = $5)
    RETURNING id
  ), answer AS (
    UPDATE "IdempotencyRecord" SET state = 'COMPLETED', "responseStatus" = $22, "responseBody" = $23
    WHERE id = $21 AND "tenantId" = $2 AND EXISTS (SELECT 1 FROM msg)
  )
  SELECT id FROM msg`;

/**
 * Without an Idempotency-Key, the checks and the insert in one statement: CHECK_SQL's row comes back to name a
 * refusal, and the message is inserted only when the account is active, owns `from` with messaging (MMS) enabled,
 * the recipient has not opted out and the balance covers the price. $1 tenant, $2 from, $3 to, $4 id, $5 channel,
 * $6 body, $7 media, $8 segments, $9 encoding, $10 status callback, $11 its method, $12 surface, $13 dedupe key,
 * $14 API key, $15 in-reply-to, $16 system (skips the opt-out and credit checks), $17 the inbox conversation (else the latest of from/to).
 */
const PLACE_SQL = `
  WITH chk AS (${CHECK_SQL}), priced AS (
    SELECT chk.*, CASE WHEN $5::text = 'MMS' THEN chk."mmsOut"::bigint ELSE chk."smsOut"::bigint * $8::int END AS price FROM chk
  ), msg AS (
    INSERT INTO "Message" (id, "tenantId", channel, direction, status, "from", "to", body, "mediaUrls", "phoneNumberId", "numSegments",
      encoding, "priceMicros", currency, "statusCallbackUrl", "statusCallbackMethod", "apiSurface", "dedupeKey", "apiKeyId", "inReplyToId",
      "nextAttemptAt", "createdAt", "updatedAt", "conversationId")
    SELECT $4, $1, $5::"MessageChannel", 'OUTBOUND', 'QUEUED', $2, $3, $6, $7::text[], p."numberId", $8, $9, p.price, p.currency, $10, $11, $12, $13, $14, $15,
      (p.now AT TIME ZONE 'UTC'), (p.now AT TIME ZONE 'UTC'), (p.now AT TIME ZONE 'UTC'), COALESCE($17::text, ${conversationOf("$1", "$5", "$2", "$3")})
    FROM priced p
    WHERE p.status <> 'SUSPENDED' AND p."numberId" IS NOT NULL AND p."smsEnabled" AND ($5::text <> 'MMS' OR p."mmsEnabled")
      AND ($16::boolean OR (NOT p.suppressed AND p."creditMicros"::bigint >= p.price))
    RETURNING id
  )
  SELECT priced.*, priced.price::text AS "priceText", EXISTS (SELECT 1 FROM msg) AS placed FROM priced`;

/** Twilio's code for a send to a recipient who replied STOP. */
export const UNSUBSCRIBED_RECIPIENT_CODE = 21610;

function suppressedError(to: string): AppError {
  return fieldError("to", `${to} has opted out of this account's messages (replied STOP, or was added to the suppression list); error ${UNSUBSCRIBED_RECIPIENT_CODE}`, {
    error_code: UNSUBSCRIBED_RECIPIENT_CODE,
  });
}

/** Queues an outbound message from one of the account's numbers; the sender hands it to the provider. */
export async function createMessage(actor: Actor, rawInput: TCreateMessageInput, opts: CreateMessageOptions): Promise<MessageView> {
  // An inbox reply (conversationId) was authorized by the inbox: every member who works a conversation may answer in it.
  if (!opts.system && !opts.conversationId) assertRole(actor, MESSAGE_WRITE_ROLE);
  const input = ZCreateMessageInput.parse(rawInput);
  if (!SENDABLE_CHANNELS.includes(input.channel)) throw fieldError("channel", `${input.channel} is not available yet: send sms, mms, email, whatsapp, slack, telegram, discord or teams`);
  if (input.channel === "whatsapp") return createWhatsAppMessage(actor, input, opts);
  if (input.channel === "slack") return createSlackMessage(actor, input, opts);
  if (input.channel === "telegram" || input.channel === "discord") return createChatBotMessage(actor, { ...input, channel: input.channel }, opts);
  if (input.channel === "teams") return createTeamsMessage(actor, input, opts);
  if (input.templateId) input.body = await renderMessageTemplate(actor.tenantId, input.channel, input.templateId, input.templateVariables);
  if (input.body.length > MAX_BODY_CHARS) throw fieldError(input.templateId ? "template_variables" : "body", `the text is ${input.body.length} characters; at most ${MAX_BODY_CHARS}`);
  const channel = channelEnum(input.channel);
  const pool = sqlPool();
  const segments = countSmsSegments(input.body);
  const numSegments = channel === "MMS" ? 1 : segments.numSegments;
  const encoding = channel === "SMS" ? segments.encoding : null;
  const id = newSid("SM");
  const refuse = (check: SenderRow | undefined, priceMicros: bigint | null): never => {
    if (!check) throw new AppError("NOT_FOUND", "account not found");
    assertTenantActive(check);
    if (!check.numberId) throw fieldError("from", `${input.from} is not a phone number of this account`);
    if (!check.smsEnabled) throw fieldError("from", `messaging is not enabled on ${input.from}`);
    if (channel === "MMS" && !check.mmsEnabled) throw fieldError("from", `MMS is not enabled on ${input.from}`);
    if (check.suppressed && !opts.system) throw suppressedError(input.to);
    if (priceMicros !== null && !opts.system && BigInt(check.creditMicros) < priceMicros) {
      throw new AppError("INSUFFICIENT_CREDIT", `insufficient credit: this message costs ${priceMicros} micro-${check.currency} and the balance is ${check.creditMicros}; add credit to send messages`, {
        details: { credit_balance_micros: check.creditMicros, price_micros: priceMicros.toString(), currency: check.currency },
      });
    }
    // Passed every check but was not inserted: only a STOP landing in between does that.
    throw suppressedError(input.to);
  };

  if (!opts.idempotency) {
    const row = (
      await pool
        .query<SenderRow & { priceText: string; placed: boolean }>({
          name: "irisx.createMessage.place",
          text: PLACE_SQL,
          values: [
            actor.tenantId, input.from, input.to, id, channel, input.body, input.mediaUrls, numSegments, encoding, input.statusCallback ?? null,
            input.statusCallbackMethod, opts.surface, input.dedupeKey ?? null, actor.apiKeyId, opts.system?.inReplyToId ?? null, opts.system !== undefined,
            opts.conversationId ?? null,
          ],
        })
        .catch(dedupeConflict(input.dedupeKey))
    ).rows[0];
    if (!row?.placed) refuse(row, row ? BigInt(row.priceText) : null);
    return view(row!, BigInt(row!.priceText));
  }

  const check = (await pool.query<SenderRow>({ name: "irisx.createMessage.check", text: CHECK_SQL, values: [actor.tenantId, input.from, input.to] })).rows[0];
  const rates = check ? { smsOutboundMicrosPerSegment: BigInt(check.smsOut), smsInboundMicrosPerSegment: BigInt(check.smsIn), mmsOutboundMicrosPerMessage: BigInt(check.mmsOut) } : null;
  const priceMicros = rates ? priceMessage(rates, channel, "OUTBOUND", numSegments) : null;
  const passes = check && check.status !== "SUSPENDED" && check.numberId && check.smsEnabled && (channel !== "MMS" || check.mmsEnabled) && (opts.system || (!check.suppressed && BigInt(check.creditMicros) >= priceMicros!));
  if (!passes) refuse(check, priceMicros);
  const message = view(check!, priceMicros!);
  const answer = opts.idempotency(message);
  const inserted = await pool
    .query({
      name: "irisx.createMessage.insert",
      text: INSERT_SQL,
      values: [
        message.id, actor.tenantId, channel, message.from, message.to, message.body, message.mediaUrls, message.phoneNumberId, numSegments,
        message.encoding, priceMicros!.toString(), message.currency, message.statusCallbackUrl, message.statusCallbackMethod, opts.surface,
        input.dedupeKey ?? null, actor.apiKeyId, message.inReplyToId, check!.now.toISOString(), opts.system !== undefined,
        answer.recordId, answer.status, answer.body, opts.conversationId ?? null,
      ],
    })
    .catch(dedupeConflict(input.dedupeKey));
  if (inserted.rowCount === 0) throw suppressedError(input.to);
  return message;

  function view(check: SenderRow, price: bigint): MessageView {
    const now = check.now;
    return {
      id,
      tenantId: actor.tenantId,
      channel,
      direction: "OUTBOUND",
      status: "QUEUED",
      from: input.from,
      to: input.to,
      body: input.body,
      mediaUrls: input.mediaUrls,
      phoneNumberId: check.numberId,
      provider: null,
      providerMessageId: null,
      numSegments,
      encoding,
      priceMicros: price,
      currency: check.currency,
      statusCallbackUrl: input.statusCallback ?? null,
      statusCallbackMethod: input.statusCallbackMethod,
      apiSurface: opts.surface,
      errorCode: null,
      errorMessage: null,
      attempts: 0,
      inReplyToId: opts.system?.inReplyToId ?? null,
      subject: null,
      html: null,
      cc: [],
      bcc: [],
      emailMessageId: null,
      emailInReplyTo: null,
      emailReferences: [],
      threadKey: null,
      createdAt: now,
      sentAt: null,
      deliveredAt: null,
      readAt: null,
      updatedAt: now,
    };
  }
}

function dedupeConflict(key: string | undefined) {
  return (e: unknown): never => {
    if ((e as DatabaseError).code === "23505" && (e as DatabaseError).constraint?.includes("dedupeKey")) {
      throw new AppError("CONFLICT", `a message with Idempotency-Key "${key}" was already created; fetch it from the messages list`);
    }
    throw e;
  };
}
