// The sender against a stand-in of Resend's API (and the dev mailbox): batches paced at the configured rate as the
// stand-in measures them, 429 and 5xx repeated after their wait with the same Idempotency-Key, every recipient mailed
// exactly once whether the sender runs twice, side by side, or again after dying between the provider's answer and
// its record.
import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/env";
import { claimBroadcastForSending } from "@/server/broadcasts/broadcast-sender-lease";
import { cancelBroadcast } from "@/server/broadcasts/cancel-broadcast";
import { batchEmails, nextBroadcastBatch } from "@/server/broadcasts/next-broadcast-batch";
import { BROADCAST_MAX_ATTEMPTS } from "@/server/broadcasts/record-broadcast-batch";
import { runBroadcastSender, type BroadcastSenderOptions } from "@/server/broadcasts/run-broadcast-sender";
import { sendBroadcast } from "@/server/broadcasts/send-broadcast";
import { db } from "@/server/db";
import { sendEmailBatch } from "@/server/email/send-email-batch";
import { draftTo, staffMember, tenantsOnOwnPlan } from "@/test/broadcast-fixtures";
import { startResendStandIn, type ResendStandIn, type ResendStandInOptions } from "@/test/resend-stand-in";

const saved = { key: env.RESEND_API_KEY, url: env.RESEND_BASE_URL };
const standIns: ResendStandIn[] = [];

async function resend(opts: ResendStandInOptions = {}) {
  const s = await startResendStandIn(opts);
  standIns.push(s);
  env.RESEND_API_KEY = s.apiKey;
  env.RESEND_BASE_URL = s.url;
  return s;
}

afterEach(async () => {
  env.RESEND_API_KEY = saved.key;
  env.RESEND_BASE_URL = saved.url;
  await Promise.all(standIns.splice(0).map((s) => s.close()));
  // Each test's broadcasts end with it: the sender takes any broadcast with work left.
  await db.broadcastRecipient.updateMany({ where: { status: { in: ["QUEUED", "SENDING"] } }, data: { status: "CANCELLED" } });
  await db.broadcast.updateMany({ data: { status: "CANCELLED", leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null } });
});

async function sendingBroadcast(owners: number, opts: Parameters<typeof tenantsOnOwnPlan>[1] = {}) {
  const { actor } = await staffMember();
  const { segment, emails } = await tenantsOnOwnPlan(owners, opts);
  const draft = await draftTo(actor, segment);
  await sendBroadcast(actor, { broadcastId: draft.id });
  return { id: draft.id, emails, actor };
}

const fast: BroadcastSenderOptions = { requestsPerSecond: 50, deadlineMs: 15_000 };
const recipientsOf = (broadcastId: string) => db.broadcastRecipient.findMany({ where: { broadcastId }, orderBy: { email: "asc" } });
const deliveredPerAddress = (s: ResendStandIn) => s.delivered.reduce<Record<string, number>>((acc, d) => ({ ...acc, [String(d.to)]: (acc[String(d.to)] ?? 0) + 1 }), {});

describe("the broadcast sender, without RESEND_API_KEY", () => {
  it("puts every mail in the dev mailbox once, marks each recipient sent and the broadcast SENT", async () => {
    const b = await sendingBroadcast(5);
    const pass = await runBroadcastSender({ ...fast, batchSize: 2 });
    expect(pass).toMatchObject({ requests: 3, accepted: 5, failed: 0, idle: true });
    const recipients = await recipientsOf(b.id);
    expect(recipients.map((r) => [r.status, r.providerMessageId, r.attempts])).toEqual(recipients.map((r) => ["SENT", `eml_${r.id}`, 1]));
    const mails = await db.emailMessage.findMany({ where: { to: { in: b.emails } }, orderBy: { to: "asc" } });
    expect(mails.map((m) => m.to)).toEqual(b.emails);
    expect(mails[0]).toMatchObject({ subject: "News for Tenant 0", provider: "console" });
    expect(mails[0]!.html).toContain("Hello Owner 0,");
    expect(await db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "SENT", leaseOwner: null });

    // Run again: nothing more is sent.
    expect(await runBroadcastSender(fast)).toMatchObject({ requests: 0, idle: true });
    expect(await db.emailMessage.count({ where: { to: { in: b.emails } } })).toBe(5);
  });
});

describe("the broadcast sender, through Resend", () => {
  it("sends batches to /emails/batch with a key per batch, and records Resend's ids", async () => {
    const s = await resend();
    const b = await sendingBroadcast(5);
    await runBroadcastSender({ ...fast, batchSize: 2 });
    expect(s.requests.map((r) => [r.path, r.emails.length, r.status])).toEqual([
      ["/emails/batch", 2, 200],
      ["/emails/batch", 2, 200],
      ["/emails/batch", 1, 200],
    ]);
    expect(new Set(s.requests.map((r) => r.idempotencyKey)).size).toBe(3);
    expect(s.requests.every((r) => r.idempotencyKey!.startsWith(`broadcast/${b.id}/`))).toBe(true);
    // Each mail is its recipient's: the address, and the subject with its own tenant's name.
    for (const mail of s.requests.flatMap((r) => r.emails)) {
      expect(b.emails).toContain(mail.to);
      expect(mail).toMatchObject({ from: env.EMAIL_FROM, subject: `News for Tenant ${/^owner-(\d)/.exec(String(mail.to))![1]}` });
    }
    const recipients = await recipientsOf(b.id);
    expect(recipients.map((r) => r.providerMessageId).sort()).toEqual(s.delivered.map((d) => d.id).sort());
    expect(deliveredPerAddress(s)).toEqual(Object.fromEntries(b.emails.map((e) => [e, 1])));
    expect(await db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "SENT" });
  });

  it("keeps to the configured rate: requests reach Resend at least 1/rate apart, and within its limit", async () => {
    const s = await resend({ rateLimitPerSecond: 5 });
    await sendingBroadcast(9);
    const started = Date.now();
    await runBroadcastSender({ requestsPerSecond: 4, batchSize: 1, deadlineMs: 15_000 });
    const gaps = s.requests.slice(1).map((r, i) => r.at - s.requests[i]!.at);
    expect(s.requests).toHaveLength(9);
    expect(s.requests.every((r) => r.status === 200)).toBe(true);
    // The sender starts them 250 ms apart; their arrival jitters by the network's few ms (the first one also opens
    // the connection, so it lands late and the gap after it looks shorter), never by a request's worth.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeGreaterThanOrEqual(245);
    expect(Date.now() - started).toBeGreaterThanOrEqual(8 * 250);
    // Within Resend's 5 a second all along: the stand-in, which counts like Resend, answered no 429.
  });

  it("a 429 is repeated after Retry-After with the same key and the same mails, and sends once", async () => {
    const s = await resend({ script: (i) => (i === 0 ? { status: 429, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, headers: { "retry-after": "1" } } : undefined) });
    const b = await sendingBroadcast(2);
    await runBroadcastSender({ ...fast, batchSize: 10 });
    expect(s.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(s.requests[1]!.idempotencyKey).toBe(s.requests[0]!.idempotencyKey);
    expect(s.requests[1]!.emails).toEqual(s.requests[0]!.emails);
    expect(s.requests[1]!.at - s.requests[0]!.at).toBeGreaterThanOrEqual(990);
    expect(deliveredPerAddress(s)).toEqual(Object.fromEntries(b.emails.map((e) => [e, 1])));
    const recipients = await recipientsOf(b.id);
    expect(recipients.map((r) => [r.status, r.attempts, r.error])).toEqual([
      ["SENT", 2, null],
      ["SENT", 2, null],
    ]);
  });

  it("a 5xx or no answer is repeated with backoff; a recipient out of attempts is FAILED with the last error", async () => {
    const s = await resend({ script: (i) => (i === 0 ? { status: 503, body: { statusCode: 503, name: "application_error", message: "busy" } } : undefined) });
    const b = await sendingBroadcast(1);
    await runBroadcastSender({ ...fast, batchSize: 10 });
    expect(s.requests.map((r) => r.status)).toEqual([503, 200]);
    expect(s.requests[1]!.at - s.requests[0]!.at).toBeGreaterThanOrEqual(990);
    expect((await recipientsOf(b.id))[0]).toMatchObject({ status: "SENT", attempts: 2 });

    const down = await resend({ script: () => ({ status: 500, body: { statusCode: 500, name: "internal_server_error", message: "down" } }) });
    const c = await sendingBroadcast(1);
    await db.broadcastRecipient.updateMany({ where: { broadcastId: c.id }, data: { attempts: BROADCAST_MAX_ATTEMPTS - 1 } });
    const pass = await runBroadcastSender({ ...fast, batchSize: 10 });
    expect(pass).toMatchObject({ requests: 1, failed: 1 });
    expect(down.requests).toHaveLength(1);
    expect((await recipientsOf(c.id))[0]).toMatchObject({ status: "FAILED", attempts: BROADCAST_MAX_ATTEMPTS, error: "internal_server_error: down", failedAt: expect.any(Date) });
    expect(await db.broadcast.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "SENT", lastError: "internal_server_error: down" });
  });

  it("a key Resend refuses fails nobody: the request waits, and goes out once the key is right", async () => {
    const s = await resend();
    const b = await sendingBroadcast(2);
    env.RESEND_API_KEY = "re_revoked";
    expect(await runBroadcastSender({ ...fast, deadlineMs: 500 })).toMatchObject({ requests: 1, accepted: 0, failed: 0 });
    expect(s.requests.map((r) => r.status)).toEqual([403]);
    expect((await recipientsOf(b.id)).map((r) => [r.status, r.attempts])).toEqual([
      ["SENDING", 1],
      ["SENDING", 1],
    ]);
    expect(await db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "SENDING", lastError: "invalid_api_key: API key is invalid.", nextAttemptAt: expect.any(Date) });

    env.RESEND_API_KEY = s.apiKey;
    await db.broadcast.update({ where: { id: b.id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    await runBroadcastSender(fast);
    expect(deliveredPerAddress(s)).toEqual(Object.fromEntries(b.emails.map((e) => [e, 1])));
    expect(await db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "SENT", lastError: null });
  });

  it("a batch Resend refuses (one bad address) is split: the others go out, the bad one is FAILED", async () => {
    const s = await resend();
    const b = await sendingBroadcast(3, { email: (i) => (i === 1 ? `not-an-address-${Date.now()}@nowhere` : `fine-${i}-${Date.now()}@example.test`) });
    await runBroadcastSender({ ...fast, batchSize: 3 });
    expect(s.requests.map((r) => [r.emails.length, r.status])[0]).toEqual([3, 422]);
    // Then one request each (in recipient id order, which is random).
    expect(s.requests.slice(1).map((r) => [r.emails.length, r.status]).sort()).toEqual([
      [1, 200],
      [1, 200],
      [1, 422],
    ]);
    const recipients = await recipientsOf(b.id);
    expect(recipients.map((r) => r.status).sort()).toEqual(["FAILED", "SENT", "SENT"]);
    expect(recipients.find((r) => r.status === "FAILED")).toMatchObject({ email: expect.stringMatching(/^not-an-address/), error: expect.stringMatching(/^validation_error: Invalid `to` field/) });
    expect(s.delivered).toHaveLength(2);
  });

  it("after a crash between Resend's answer and its record, the next run repeats the request and Resend sends nothing again", async () => {
    const s = await resend();
    const b = await sendingBroadcast(3);
    // The crashed run: it claimed a batch and Resend took it, then the process died before recording anything.
    const batch = (await nextBroadcastBatch(b.id, 10))!;
    const first = await sendEmailBatch(batchEmails(batch), { idempotencyKey: batch.key });
    expect(first.kind).toBe("accepted");
    expect(await db.broadcastRecipient.count({ where: { broadcastId: b.id, status: "SENDING" } })).toBe(3);

    await runBroadcastSender(fast);
    expect(s.requests.map((r) => [r.idempotencyKey, r.replay])).toEqual([
      [batch.key, false],
      [batch.key, true],
    ]);
    expect(s.delivered).toHaveLength(3);
    const recipients = await db.broadcastRecipient.findMany({ where: { broadcastId: b.id }, orderBy: { id: "asc" } });
    expect(recipients.map((r) => [r.status, r.providerMessageId])).toEqual(recipients.map((_, i) => ["SENT", first.kind === "accepted" ? first.messageIds[i] : null]));
  });

  it("an answer lost on the way (the request throws after Resend took it) is repeated, not re-sent", async () => {
    const s = await resend();
    const b = await sendingBroadcast(2);
    let calls = 0;
    await runBroadcastSender({
      ...fast,
      send: async (emails, opts) => {
        const outcome = await sendEmailBatch(emails, opts);
        if (++calls === 1) throw new Error("socket hang up");
        return outcome;
      },
    });
    expect(s.requests.map((r) => r.replay)).toEqual([false, true]);
    expect(deliveredPerAddress(s)).toEqual(Object.fromEntries(b.emails.map((e) => [e, 1])));
    expect((await recipientsOf(b.id)).map((r) => r.status)).toEqual(["SENT", "SENT"]);
  });

  it("two senders at once (two app processes, or a job run twice) mail everyone once, one at a time", async () => {
    const s = await resend();
    const b = await sendingBroadcast(6);
    const passes = await Promise.all([runBroadcastSender({ ...fast, batchSize: 1, holder: "one" }), runBroadcastSender({ ...fast, batchSize: 1, holder: "two" })]);
    expect(passes.reduce((n, p) => n + p.accepted, 0)).toBe(6);
    await runBroadcastSender({ ...fast, holder: "three" });
    expect(deliveredPerAddress(s)).toEqual(Object.fromEntries(b.emails.map((e) => [e, 1])));
    expect(s.requests).toHaveLength(6);
  });

  it("sends nothing while another sender's lease is live, and takes over once it lapses", async () => {
    const s = await resend();
    await sendingBroadcast(1);
    expect(await claimBroadcastForSending("elsewhere", { leaseMs: 60_000 })).toMatchObject({ broadcastId: expect.any(String) });
    expect(await runBroadcastSender({ ...fast, holder: "here" })).toMatchObject({ requests: 0 });
    expect(s.requests).toHaveLength(0);
    await db.broadcast.updateMany({ where: { leaseOwner: "elsewhere" }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect(await runBroadcastSender({ ...fast, holder: "here" })).toMatchObject({ requests: 1, accepted: 1 });
  });

  it("stops at a cancel: recipients not yet sent never are", async () => {
    const s = await resend();
    const b = await sendingBroadcast(6);
    let cancelled = false;
    await runBroadcastSender({
      ...fast,
      batchSize: 2,
      send: async (emails, opts) => {
        const outcome = await sendEmailBatch(emails, opts);
        if (!cancelled) {
          cancelled = true;
          await cancelBroadcast(b.actor, { broadcastId: b.id });
        }
        return outcome;
      },
    });
    expect(s.delivered).toHaveLength(2);
    const statuses = (await recipientsOf(b.id)).map((r) => r.status).sort();
    expect(statuses).toEqual(["CANCELLED", "CANCELLED", "CANCELLED", "CANCELLED", "SENT", "SENT"]);
    expect(await db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "CANCELLED" });
  });
});
