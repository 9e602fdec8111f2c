// One pass of the message sender, run by the job engine (an Inngest step, or the embedded engine's loop). The state
// machine lives in the Message rows, so a crash loses nothing and sends nothing twice:
//   queued  --claim (charged, attempts+1, lease)-->  sending  --provider took it-->  sent
//   sending --429/5xx/unreachable--> queued again after a backoff (Retry-After honoured), failed after MAX_ATTEMPTS
//   sending --4xx--> failed (refunded);  sending --no answer after the request left--> failed 30008 (never resent)
//   sending whose lease lapsed (the sender died mid-request) --> failed 30008, never resent: it may have gone out.
// One sender runs at a time (a PostgreSQL advisory lock held by the pass's connection, released if the process
// dies), so the pacer's per-sender and per-tenant slots (message-throughput.ts) hold across the installation.
import { notifyMessageConversations } from "@/server/inbox/notify-inbox-changed";
import { Prisma } from "@/generated/prisma/client";
import { env } from "@/env";
import { db, sqlPool } from "@/server/db";
import { logger } from "@/server/logger";
import { chargeMessages } from "@/server/messages/charge-messages";
import { queueMessageStatusCallbacks } from "@/server/messages/queue-message-status-callbacks";
import { MESSAGE_VIEW_SELECT, messageEventData, type MessageView } from "@/server/messages/message-view";
import { senderSegmentsPerSecond, ThroughputPacer } from "@/server/messages/message-throughput";
import { refundMessages } from "@/server/messages/refund-messages";
import type { SendOutcome } from "@/server/messages/providers/messaging-provider";
import { resolveMessagingProvider, type ResolvedMessagingProvider } from "@/server/messages/providers/resolve-messaging-provider";
import { resolveEmailProvider } from "@/server/messages/providers/resolve-email-provider";
import { loadOutboundEmail } from "@/server/messages/load-outbound-email";
import { resolveWhatsAppProvider } from "@/server/messages/providers/resolve-whatsapp-provider";
import { resolveSlackProvider } from "@/server/messages/providers/resolve-slack-provider";
import { resolveChatBotProvider } from "@/server/messages/providers/resolve-chat-bot-provider";
import { resolveTeamsProvider } from "@/server/messages/providers/resolve-teams-provider";
import type { MessageChannel } from "@/generated/prisma/enums";
import { abortableSleep } from "@/server/shared/abortable-sleep";
import { processState } from "@/server/shared/process-state";
import { emitMessageEvents } from "@/server/messages/emit-message-events";

const SENDER_LOCK_KEY = 7_412_001;
const BATCH = 300;
const LEASE_MS = 60_000;
const CONCURRENCY = 64;
export const MESSAGE_MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** A message whose slot is this close counts as due now (the pass runs every few ms). */
const SLOT_SLACK_MS = 25;
/** A pass waits for a paced message's slot when it is this close (and before the pass's deadline); later ones are the next pass's. */
const PACED_WAIT_MS = 1_000;
/** Twilio's "unknown error": used when a send's outcome cannot be known, and for insufficient credit at send time. */
export const UNKNOWN_OUTCOME_CODE = 30008;

export interface MessageSenderOptions {
  deadlineMs?: number;
  signal?: AbortSignal;
  /** Tests: replace how a provider is found (a provider that fails in particular ways). */
  resolveProvider?: typeof resolveMessagingProvider;
  /**
   * Tests: send only these tenants' messages, without the senders' shared lock. Test files share one database and
   * run side by side, each with its own providers' stand-ins: a file's sender must not take another file's messages
   * (nor wait on its lock). Claims stay exclusive (FOR UPDATE SKIP LOCKED, SENDING leases), so nothing goes twice.
   */
  tenantIds?: string[];
}

export interface MessageSenderPass {
  locked: boolean;
  sent: number;
  retried: number;
  failed: number;
  /** Messages still queued, due later (paced or backing off). */
  deferred: number;
}

const state = processState("messages.sender", () => ({ pacer: new ThroughputPacer() }));

export function messageRetryDelay(attempts: number, retryAfterMs: number | null): number {
  const backoff = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
  return Math.max(backoff, retryAfterMs ?? 0);
}

interface DueRow {
  id: string;
  tenantId: string;
  channel: string;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  payload: unknown;
  numSegments: number;
  attempts: number;
  charged: boolean;
  priceMicros: bigint | null;
  statusCallbackUrl: string | null;
  /** The inbox conversation it belongs to, if any (its thread is told of the new status). */
  conversationId: string | null;
  numberProvider: string | null;
  segmentsPerSecond: number | null;
  messagesPerSecond: number;
}

/**
 * The sender's transactions wait longer for a connection than Prisma's default 2 s: under load (the API taking every
 * connection) a claim or a record that gives up leaves work undone, and an outcome not recorded costs a message its
 * true status (the lapsed lease then fails it 30008).
 */
const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 };
/** A send's outcome is recorded again after these waits before it is left to the lease (never resent either way). */
const RECORD_RETRY_MS = [250, 1_000, 3_000];

const epoch = (ms: number) => Prisma.sql`(to_timestamp(${ms}::double precision / 1000) AT TIME ZONE 'UTC')`;

/** An email address is not a carrier number: emails are paced by the tenant's messages-per-second alone. */
const EMAIL_SENDS_PER_SECOND = 1_000;
/** Meta's default throughput of a WhatsApp Business number (messages a second, any type). */
const WHATSAPP_MESSAGES_PER_SECOND = 80;

const PER_CHAT_PACED = new Set(["SLACK", "TELEGRAM", "DISCORD", "TEAMS"]);

/** The sender's slot: a number's segments per second, or a WhatsApp number's messages per second (its own key). */
function senderSlot(r: DueRow): { sender: string; senderRate: number } {
  if (r.channel === "WHATSAPP") return { sender: `whatsapp:${r.from}`, senderRate: WHATSAPP_MESSAGES_PER_SECOND };
  // About one message a second per conversation: Slack's chat.postMessage, Telegram's per-chat limit, Discord's
  // five per five seconds in a channel.
  if (PER_CHAT_PACED.has(r.channel)) return { sender: `${r.channel.toLowerCase()}:${r.from}:${r.to}`, senderRate: 1 };
  if (r.channel === "EMAIL") return { sender: `email:${r.from}`, senderRate: EMAIL_SENDS_PER_SECOND };
  return { sender: r.from, senderRate: senderSegmentsPerSecond(r.from, r.segmentsPerSecond) };
}

/** Due queued messages → sending (charged, attempts+1, leased), the rest booked to their slot. */
async function claimDue(now: number, pass: MessageSenderPass, tenantIds: string[] | null): Promise<DueRow[]> {
  const { pacer } = state;
  const result = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<DueRow[]>`
      SELECT m.id, m."tenantId", m.channel::text AS channel, m."from", m."to", m.body, m."mediaUrls", m.payload, m."numSegments", m.attempts, m.charged, m."priceMicros", m."statusCallbackUrl", m."conversationId",
        n.provider AS "numberProvider", n."messagingSegmentsPerSecond" AS "segmentsPerSecond", t."messagesPerSecond"
      FROM "Message" m JOIN "Tenant" t ON t.id = m."tenantId" LEFT JOIN "PhoneNumber" n ON n.id = m."phoneNumberId"
      WHERE m.status = 'QUEUED' AND m."nextAttemptAt" <= ${epoch(now)} AND (${tenantIds}::text[] IS NULL OR m."tenantId" = ANY(${tenantIds}::text[]))
      ORDER BY m."nextAttemptAt", m.id LIMIT ${BATCH} FOR UPDATE OF m SKIP LOCKED`;
    const go: DueRow[] = [];
    const later: { id: string; at: number }[] = [];
    for (const r of rows) {
      const at = pacer.takeBooking(r.id) ?? pacer.reserve({ id: r.id, ...senderSlot(r), segments: r.numSegments, tenant: r.tenantId, tenantRate: Math.max(1, r.messagesPerSecond), now });
      if (at <= now + SLOT_SLACK_MS) go.push(r);
      else later.push({ id: r.id, at: Math.ceil(at) });
    }
    if (later.length) {
      await tx.$executeRaw`
        UPDATE "Message" m SET "nextAttemptAt" = (to_timestamp(u.at / 1000.0) AT TIME ZONE 'UTC')
        FROM unnest(${later.map((l) => l.id)}::text[], ${later.map((l) => l.at)}::double precision[]) AS u(id, at) WHERE m.id = u.id`;
    }
    const { unpaid } = await chargeMessages(
      tx,
      go.filter((r) => !r.charged).map((r) => ({ id: r.id, tenantId: r.tenantId, priceMicros: r.priceMicros ?? 0n, numSegments: r.numSegments, channel: r.channel })),
    );
    const claimed = go.filter((r) => !unpaid.has(r.id));
    if (claimed.length) {
      await tx.$executeRaw`
        UPDATE "Message" SET status = 'SENDING', attempts = attempts + 1, charged = true, "leaseUntil" = ${epoch(now + LEASE_MS)}, "nextAttemptAt" = NULL,
          "updatedAt" = (now() AT TIME ZONE 'UTC')
        WHERE id = ANY(${claimed.map((r) => r.id)}::text[])`;
    }
    let failedViews: MessageView[] = [];
    if (unpaid.size) {
      await tx.$executeRaw`
        UPDATE "Message" SET status = 'FAILED', "errorCode" = ${UNKNOWN_OUTCOME_CODE}, "errorMessage" = 'insufficient credit: the account balance does not cover this message',
          "nextAttemptAt" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
        WHERE id = ANY(${[...unpaid]}::text[])`;
      failedViews = await tx.message.findMany({ where: { id: { in: [...unpaid] } }, select: MESSAGE_VIEW_SELECT });
      await emitMessageEvents(tx, failedViews.map((m) => ({ tenantId: m.tenantId, type: "message.failed" as const, data: messageEventData(m) })));
      await queueMessageStatusCallbacks(tx, failedViews);
    }
    pass.deferred += later.length;
    pass.failed += unpaid.size;
    return { claimed, failedViews };
  }, TX_OPTIONS);
  return result.claimed;
}

type Outcome = { row: DueRow; resolved: ResolvedMessagingProvider | null; result: SendOutcome };

async function sendAll(rows: DueRow[], opts: MessageSenderOptions): Promise<Outcome[]> {
  const resolve = opts.resolveProvider ?? resolveMessagingProvider;
  const out: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++]!;
      const isEmail = row.channel === "EMAIL";
      const resolved =
        isEmail && !opts.resolveProvider ? await resolveEmailProvider(row.tenantId)
        : row.channel === "WHATSAPP" ? await resolveWhatsAppProvider(row.tenantId, row.from)
        : row.channel === "SLACK" ? await resolveSlackProvider(row.tenantId, row.from)
        : row.channel === "TELEGRAM" || row.channel === "DISCORD" ? await resolveChatBotProvider(row.tenantId, row.channel, row.from)
        : row.channel === "TEAMS" ? await resolveTeamsProvider(row.tenantId, row.from, row.to)
        : await resolve(row.tenantId, row.numberProvider);
      const email = isEmail ? await loadOutboundEmail(row.id) : undefined;
      const result: SendOutcome = resolved
        ? await resolved.provider.send({ id: row.id, channel: row.channel as MessageChannel, from: row.from, to: row.to, body: row.body, mediaUrls: row.mediaUrls, payload: row.payload, statusCallbackUrl: resolved.statusCallbackUrl, email })
        : {
            outcome: "rejected",
            errorCode: null,
            error: isEmail
              ? "no email provider is configured for this account (RESEND_API_KEY, or the account's own Resend key)"
              : "no messaging provider is configured for this account (MESSAGING_PROVIDER, or the account's own credentials)",
          };
      out.push({ row, resolved, result });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, worker));
  return out;
}

/** Writes each send's outcome, its webhook event, and refunds what never reached a provider; one transaction. */
async function recordOutcomes(outcomes: Outcome[], pass: MessageSenderPass): Promise<MessageView[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await recordOutcomesOnce(outcomes, pass);
    } catch (err) {
      const wait = RECORD_RETRY_MS[attempt];
      if (wait === undefined) throw err;
      logger.warn({ err, messages: outcomes.length, attempt: attempt + 1 }, "recording send outcomes failed; trying again");
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function recordOutcomesOnce(outcomes: Outcome[], pass: MessageSenderPass): Promise<MessageView[]> {
  const now = Date.now();
  return db.$transaction(async (tx) => {
    const accepted = outcomes.filter((o) => o.result.outcome === "accepted");
    if (accepted.length) {
      await tx.$executeRaw`
        UPDATE "Message" m SET status = 'SENT', provider = u.provider, "credentialSource" = u.source, "providerMessageId" = u.pid,
          "sentAt" = (now() AT TIME ZONE 'UTC'), "leaseUntil" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
        FROM unnest(${accepted.map((o) => o.row.id)}::text[], ${accepted.map((o) => o.resolved!.provider.name)}::text[],
          ${accepted.map((o) => o.resolved!.credentialSource)}::text[], ${accepted.map((o) => (o.result as { providerMessageId: string }).providerMessageId)}::text[]) AS u(id, provider, source, pid)
        WHERE m.id = u.id AND m.status = 'SENDING'`;
    }
    const retry = outcomes.filter((o) => o.result.outcome === "retry" && o.row.attempts + 1 < MESSAGE_MAX_ATTEMPTS);
    if (retry.length) {
      await tx.$executeRaw`
        UPDATE "Message" m SET status = 'QUEUED', "leaseUntil" = NULL, "errorMessage" = u.error, "nextAttemptAt" = (to_timestamp(u.at / 1000.0) AT TIME ZONE 'UTC'),
          "updatedAt" = (now() AT TIME ZONE 'UTC')
        FROM unnest(${retry.map((o) => o.row.id)}::text[], ${retry.map((o) => (o.result as { error: string }).error)}::text[],
          ${retry.map((o) => now + messageRetryDelay(o.row.attempts + 1, (o.result as { retryAfterMs: number | null }).retryAfterMs))}::double precision[]) AS u(id, error, at)
        WHERE m.id = u.id AND m.status = 'SENDING'`;
    }
    const failed = outcomes.filter((o) => o.result.outcome !== "accepted" && !retry.includes(o));
    if (failed.length) {
      const code = (o: Outcome) => (o.result.outcome === "rejected" ? o.result.errorCode : UNKNOWN_OUTCOME_CODE);
      const message = (o: Outcome) => {
        const r = o.result as { error: string };
        return o.result.outcome === "retry" ? `gave up after ${MESSAGE_MAX_ATTEMPTS} attempts: ${r.error}` : o.result.outcome === "unknown" ? `${r.error}; not resent, it may have gone out` : r.error;
      };
      await tx.$executeRaw`
        UPDATE "Message" m SET status = 'FAILED', "leaseUntil" = NULL, "errorCode" = u.code, "errorMessage" = u.error,
          provider = COALESCE(u.provider, m.provider), "updatedAt" = (now() AT TIME ZONE 'UTC')
        FROM unnest(${failed.map((o) => o.row.id)}::text[], ${failed.map(code)}::int[], ${failed.map(message)}::text[], ${failed.map((o) => o.resolved?.provider.name ?? null)}::text[]) AS u(id, code, error, provider)
        WHERE m.id = u.id AND m.status = 'SENDING'`;
      // Refused or out of retries: never reached the provider. An unknown outcome may have, and stays charged.
      await refundMessages(tx, failed.filter((o) => o.result.outcome !== "unknown").map((o) => ({ id: o.row.id, tenantId: o.row.tenantId, priceMicros: o.row.priceMicros ?? 0n })));
    }
    // The full messages only where someone listens: a status callback, or a webhook endpoint of the tenant.
    const settled = [...accepted, ...failed];
    const listening = settled.length
      ? new Set((await tx.webhookEndpoint.findMany({ where: { tenantId: { in: [...new Set(settled.map((o) => o.row.tenantId))] }, status: "ENABLED" }, select: { tenantId: true } })).map((e) => e.tenantId))
      : new Set<string>();
    const changed = settled.filter((o) => o.row.statusCallbackUrl || listening.has(o.row.tenantId)).map((o) => o.row.id);
    const views = changed.length ? await tx.message.findMany({ where: { id: { in: changed } }, select: MESSAGE_VIEW_SELECT }) : [];
    await emitMessageEvents(tx, views.map((m) => ({ tenantId: m.tenantId, type: m.status === "SENT" ? ("message.sent" as const) : ("message.failed" as const), data: messageEventData(m) })));
    await queueMessageStatusCallbacks(tx, views);
    // An inbox showing one of these threads shows the new status at once (API sends to nobody who wrote: no statement).
    const inThreads = settled.filter((o) => o.row.conversationId).map((o) => o.row.id);
    if (inThreads.length) await notifyMessageConversations(tx, inThreads);
    pass.sent += accepted.length;
    pass.retried += retry.length;
    pass.failed += failed.length;
    return views;
  }, TX_OPTIONS);
}

/** Sending messages whose claim lapsed: their sender died mid-request. Failed, never resent (they may have gone out). */
async function failLapsed(now: number, pass: MessageSenderPass, tenantIds: string[] | null): Promise<void> {
  const views = await db.$transaction(async (tx) => {
    const ids = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Message" SET status = 'FAILED', "errorCode" = ${UNKNOWN_OUTCOME_CODE}, "errorMessage" = 'the sender stopped while handing this message to the provider; not resent, it may have gone out',
        "leaseUntil" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
      WHERE status = 'SENDING' AND "leaseUntil" < ${epoch(now)} AND (${tenantIds}::text[] IS NULL OR "tenantId" = ANY(${tenantIds}::text[])) RETURNING id`;
    if (!ids.length) return [];
    const list = await tx.message.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: MESSAGE_VIEW_SELECT });
    await emitMessageEvents(tx, list.map((m) => ({ tenantId: m.tenantId, type: "message.failed" as const, data: messageEventData(m) })));
    await queueMessageStatusCallbacks(tx, list);
    return list;
  }, TX_OPTIONS);
  pass.failed += views.length;
}

/** Sends due messages until none is due, the deadline passes, or the signal stops it. */
/** When the earliest paced message (queued, never tried: retries keep their backoff) of these tenants comes due. */
async function nextPacedAt(tenantIds: string[] | null): Promise<number | null> {
  const rows = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT min("nextAttemptAt") AS at FROM "Message"
    WHERE status = 'QUEUED' AND attempts = 0 AND (${tenantIds}::text[] IS NULL OR "tenantId" = ANY(${tenantIds}::text[]))`;
  const at = rows[0]?.at;
  return at ? at.getTime() : null;
}

export async function runMessageSender(opts: MessageSenderOptions = {}): Promise<MessageSenderPass> {
  const pass: MessageSenderPass = { locked: false, sent: 0, retried: 0, failed: 0, deferred: 0 };
  const lockClient = await sqlPool().connect();
  try {
    if (!opts.tenantIds) {
      const { rows } = await lockClient.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [SENDER_LOCK_KEY]);
      if (!rows[0]?.locked) return pass;
      pass.locked = true;
    }
    const deadline = Date.now() + (opts.deadlineMs ?? 20_000);
    await failLapsed(Date.now(), pass, opts.tenantIds ?? null);
    while (Date.now() < deadline && !opts.signal?.aborted) {
      const now = Date.now();
      state.pacer.prune(now);
      const due = await claimDue(now, pass, opts.tenantIds ?? null);
      if (!due.length) {
        // Paced work due soon is this pass's to send: waiting for its slot beats ending the pass and starting another.
        const next = await nextPacedAt(opts.tenantIds ?? null);
        if (next === null || next > Math.min(deadline, Date.now() + PACED_WAIT_MS)) break;
        await abortableSleep(next - Date.now(), opts.signal);
        continue;
      }
      const outcomes = await sendAll(due, opts);
      await recordOutcomes(outcomes, pass);
      // A short batch: the next claim waits out the rest of a cycle, so that at a steady rate the claims and records
      // (two transactions, whatever the batch's size) carry tens of messages each, not a handful.
      const rest = env.MESSAGE_SENDER_MIN_CYCLE_MS - (Date.now() - now);
      if (due.length < BATCH && rest > 0) await abortableSleep(rest, opts.signal);
    }
    return pass;
  } finally {
    if (pass.locked) await lockClient.query("SELECT pg_advisory_unlock($1)", [SENDER_LOCK_KEY]).catch((err: unknown) => logger.warn({ err }, "releasing the message sender lock failed"));
    lockClient.release();
  }
}

