import { describe, expect, it } from "vitest";
import { signWebhookPayload } from "@/server/webhooks/sign-webhook-payload";
import { verifyWebhookSignature } from "@/server/webhooks/verify-webhook-signature";

const secret = "whsec_test_secret";
const body = JSON.stringify({ id: "evt_1", type: "webhook.test", data: { hello: "world" } });
const now = 1_800_000_000;

describe("verifyWebhookSignature", () => {
  it("accepts a signature made with the endpoint's secret", () => {
    const header = signWebhookPayload(secret, body, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ payload: body, header, secret, nowSeconds: now + 10 })).toEqual({ ok: true, timestamp: now });
  });

  it("rejects a tampered body", () => {
    const header = signWebhookPayload(secret, body, now);
    const tampered = body.replace("world", "w0rld");
    expect(verifyWebhookSignature({ payload: tampered, header, secret, nowSeconds: now })).toEqual({ ok: false, reason: "no_matching_signature" });
  });

  it("rejects another secret", () => {
    const header = signWebhookPayload("whsec_other", body, now);
    expect(verifyWebhookSignature({ payload: body, header, secret, nowSeconds: now }).ok).toBe(false);
  });

  it("rejects a timestamp older (or newer) than the 300 s tolerance", () => {
    const header = signWebhookPayload(secret, body, now);
    expect(verifyWebhookSignature({ payload: body, header, secret, nowSeconds: now + 301 })).toEqual({ ok: false, reason: "timestamp_out_of_tolerance" });
    expect(verifyWebhookSignature({ payload: body, header, secret, nowSeconds: now - 301 }).ok).toBe(false);
    expect(verifyWebhookSignature({ payload: body, header, secret, nowSeconds: now + 300 }).ok).toBe(true);
  });

  it("accepts a header carrying several v1 signatures when any one matches (secret rotation)", () => {
    const old = signWebhookPayload("whsec_old", body, now).split(",")[1]!;
    const header = `${signWebhookPayload(secret, body, now)},${old}`;
    expect(verifyWebhookSignature({ payload: body, header, secret: "whsec_old", nowSeconds: now }).ok).toBe(true);
    expect(verifyWebhookSignature({ payload: body, header, secret, nowSeconds: now }).ok).toBe(true);
  });

  it("rejects missing and malformed headers", () => {
    expect(verifyWebhookSignature({ payload: body, header: undefined, secret })).toEqual({ ok: false, reason: "missing_header" });
    expect(verifyWebhookSignature({ payload: body, header: "v1=abc", secret })).toEqual({ ok: false, reason: "malformed_header" });
  });
});
