// Resend's delivery reports through POST /api/webhooks/resend: only signed (Svix scheme, as Resend's own SDK verifies
// it), only fresh (5 minutes), each svix-id once; statuses move forward only, whatever order events come in.
import { Resend } from "resend";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/resend/route";
import { env } from "@/env";
import { receiveResendWebhook } from "@/server/broadcasts/receive-resend-webhook";
import { sendBroadcast } from "@/server/broadcasts/send-broadcast";
import { db } from "@/server/db";
import { verifyResendSignature } from "@/server/email/verify-resend-signature";
import { draftTo, staffMember, tenantsOnOwnPlan } from "@/test/broadcast-fixtures";
import { newWebhookSecret, signResendWebhook } from "@/test/resend-stand-in";

const secret = newWebhookSecret();
beforeEach(() => {
  env.RESEND_WEBHOOK_SECRET = secret;
});
afterEach(() => {
  env.RESEND_WEBHOOK_SECRET = undefined;
});

/** A recipient Resend took, with its email id. */
async function sentRecipient() {
  const { actor } = await staffMember();
  const { segment } = await tenantsOnOwnPlan(1);
  const draft = await draftTo(actor, segment);
  await sendBroadcast(actor, { broadcastId: draft.id });
  const r = await db.broadcastRecipient.findFirstOrThrow({ where: { broadcastId: draft.id } });
  const emailId = crypto.randomUUID();
  await db.broadcastRecipient.update({ where: { id: r.id }, data: { status: "SENT", providerMessageId: emailId, sentAt: new Date() } });
  return { id: r.id, emailId };
}

const event = (type: string, emailId: string, extra: Record<string, unknown> = {}, at = new Date()) =>
  JSON.stringify({ type, created_at: at.toISOString(), data: { email_id: emailId, created_at: at.toISOString(), to: ["x@example.test"], from: "IRISX <no-reply@irisx.local>", subject: "Hi", ...extra } });

function post(payload: string, headers: Record<string, string>) {
  return POST(new Request("http://localhost/api/webhooks/resend", { method: "POST", body: payload, headers: { "content-type": "application/json", ...headers } }));
}

const recipient = (id: string) => db.broadcastRecipient.findUniqueOrThrow({ where: { id } });

describe("the Resend webhook", () => {
  it("signs as Resend does: Resend's own SDK accepts our test signature, and we accept it", () => {
    const payload = event("email.delivered", "e1");
    const headers = signResendWebhook(secret, payload);
    expect(new Resend("re_x").webhooks.verify({ payload, webhookSecret: secret, headers: { id: headers["svix-id"], timestamp: headers["svix-timestamp"], signature: headers["svix-signature"] } })).toMatchObject({ type: "email.delivered" });
    expect(verifyResendSignature({ payload, secret, headers: { id: headers["svix-id"], timestamp: headers["svix-timestamp"], signature: headers["svix-signature"] } })).toEqual({ ok: true });
    // Several signatures during a secret rotation: one matching is enough.
    expect(verifyResendSignature({ payload, secret, headers: { id: headers["svix-id"], timestamp: headers["svix-timestamp"], signature: `v1,AAAA ${headers["svix-signature"]}` } })).toEqual({ ok: true });
  });

  it("a valid delivery marks the recipient delivered", async () => {
    const r = await sentRecipient();
    const payload = event("email.delivered", r.emailId);
    const res = await post(payload, signResendWebhook(secret, payload));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, result: "applied" });
    expect(await recipient(r.id)).toMatchObject({ status: "DELIVERED", deliveredAt: expect.any(Date) });
  });

  it("refuses a wrong signature, a changed body, no signature, and a delivery older than 5 minutes", async () => {
    const r = await sentRecipient();
    const seen = await db.resendWebhookEvent.count();
    const payload = event("email.bounced", r.emailId, { bounce: { message: "mailbox full", type: "Permanent", subType: "General" } });

    const wrong = await post(payload, signResendWebhook(newWebhookSecret(), payload));
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toMatch(/does not match/);

    const signed = signResendWebhook(secret, payload);
    expect((await post(payload.replace("mailbox full", "mailbox fine"), signed)).status).toBe(401);

    const unsigned = await post(payload, {});
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).error).toMatch(/^unsigned/);

    const stale = await post(payload, signResendWebhook(secret, payload, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(stale.status).toBe(401);
    expect((await stale.json()).error).toMatch(/more than 5 minutes/);
    expect((await post(payload, signResendWebhook(secret, payload, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }))).status).toBe(401);

    expect(await recipient(r.id)).toMatchObject({ status: "SENT", bouncedAt: null });
    expect(await db.resendWebhookEvent.count()).toBe(seen);
  });

  it("processes a replayed svix-id once", async () => {
    const r = await sentRecipient();
    const complained = event("email.complained", r.emailId);
    const headers = signResendWebhook(secret, complained);
    expect(await (await post(complained, headers)).json()).toEqual({ ok: true, result: "applied" });
    const at = (await recipient(r.id)).complainedAt;
    // The same delivery again (an attacker's replay within the window, or Resend's retry): acknowledged, not applied.
    const replay = await post(complained, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, result: "duplicate" });
    expect((await recipient(r.id)).complainedAt).toEqual(at);
    expect(await db.resendWebhookEvent.count({ where: { id: headers["svix-id"] } })).toBe(1);
  });

  it("moves a status only forward, whatever order the events arrive in, and keeps each event's time", async () => {
    const r = await sentRecipient();
    const t0 = Date.now() - 60_000;
    const deliver = async (type: string, offsetS: number, extra: Record<string, unknown> = {}) => {
      const payload = event(type, r.emailId, extra, new Date(t0 + offsetS * 1000));
      return (await receiveResendWebhook({ payload, headers: toSvix(signResendWebhook(secret, payload)) })).body.result;
    };
    expect(await deliver("email.delivery_delayed", 1)).toBe("applied");
    expect((await recipient(r.id)).status).toBe("DELAYED");
    expect(await deliver("email.delivered", 3)).toBe("applied");
    // A late "delayed" report does not undo the delivery.
    expect(await deliver("email.delivery_delayed", 2)).toBe("stale");
    expect(await deliver("email.complained", 10)).toBe("applied");
    expect(await deliver("email.delivered", 4)).toBe("stale");
    expect(await recipient(r.id)).toMatchObject({ status: "COMPLAINED", deliveredAt: new Date(t0 + 3000), complainedAt: new Date(t0 + 10_000), error: "the recipient marked it as spam" });

    const b = await sentRecipient();
    const bounce = event("email.bounced", b.emailId, { bounce: { message: "550 5.1.1 user unknown", type: "Permanent", subType: "General" } });
    await receiveResendWebhook({ payload: bounce, headers: toSvix(signResendWebhook(secret, bounce)) });
    expect(await recipient(b.id)).toMatchObject({ status: "BOUNCED", bouncedAt: expect.any(Date), error: "550 5.1.1 user unknown" });
  });

  it("acknowledges events about other mail and other types without changing anything", async () => {
    const opened = event("email.opened", "whatever");
    expect((await receiveResendWebhook({ payload: opened, headers: toSvix(signResendWebhook(secret, opened)) })).body).toEqual({ ok: true, result: "unknown_type" });
    const other = event("email.delivered", "not-a-broadcast-mail");
    expect((await receiveResendWebhook({ payload: other, headers: toSvix(signResendWebhook(secret, other)) })).body).toEqual({ ok: true, result: "unknown_email" });
    const junk = "not json";
    expect(await receiveResendWebhook({ payload: junk, headers: toSvix(signResendWebhook(secret, junk)) })).toMatchObject({ status: 400 });
  });

  it("refuses everything while RESEND_WEBHOOK_SECRET is not set", async () => {
    env.RESEND_WEBHOOK_SECRET = undefined;
    const payload = event("email.delivered", "x");
    const res = await post(payload, signResendWebhook(secret, payload));
    expect(res.status).toBe(503);
  });
});

function toSvix(h: ReturnType<typeof signResendWebhook>) {
  return { id: h["svix-id"], timestamp: h["svix-timestamp"], signature: h["svix-signature"] };
}
