// The official twilio npm library sends an SMS through IRISX's /2010-04-01 Messages resource, the sender hands it to
// the carrier stand-in, the carrier reports delivery, and the client's StatusCallback receives Twilio's signed form.
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "@/env";
import { getTwilioCredentials } from "@/server/account/get-twilio-credentials";
import { sendDueCallbacks } from "@/server/calls/callbacks/send-due-callbacks";
import { db } from "@/server/db";
import { receiveProviderWebhook } from "@/server/messages/receive-provider-webhook";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { newSid } from "@/server/shared/ids";
import { startAppRouteServer } from "@/test/app-route-server";
import { createTestTenant, testTenantIds } from "@/test/factories";
import { startTwilioMessagingStandIn, twilioStatusCallback, type MessagingStandIn } from "@/test/messaging-provider-stand-ins";
import { LocalRequestClient } from "@/test/twilio-local-client";
import { waitFor } from "@/test/wait-for";
import { startWebhookReceiver } from "@/test/webhook-receiver";

const CARRIER_SID = `AC${"2".repeat(32)}`;
const CARRIER_TOKEN = "carrier-token";
let server: Awaited<ReturnType<typeof startAppRouteServer>>;
let carrier: MessagingStandIn;

beforeAll(async () => {
  server = await startAppRouteServer("2010-04-01");
  carrier = await startTwilioMessagingStandIn({ accountSid: CARRIER_SID, authToken: CARRIER_TOKEN });
  vi.stubEnv("MESSAGING_PROVIDER", "twilio");
  vi.stubEnv("TWILIO_ACCOUNT_SID", CARRIER_SID);
  vi.stubEnv("TWILIO_AUTH_TOKEN", CARRIER_TOKEN);
  vi.stubEnv("TWILIO_API_BASE_URL", carrier.url);
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
  await carrier.close();
});

let seq = 0;
async function account() {
  const t = await createTestTenant();
  const from = `+1415555017${seq++}`;
  await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: t.tenant.id, e164: from, origin: "ASSIGNED", smsEnabled: true, messagingSegmentsPerSecond: 10 } });
  const { accountSid, authToken } = await getTwilioCredentials(t.actor);
  return { ...t, from, accountSid, authToken, client: twilio(accountSid, authToken, { httpClient: new LocalRequestClient(server.baseUrl) }) };
}

describe("Twilio-compatible Messages API with the twilio npm library", () => {
  it("sends an SMS, fetches and lists it, and the StatusCallback receives sent then delivered, signed", async () => {
    const callbacks = await startWebhookReceiver(() => ({ status: 200 }));
    const a = await account();
    const created = await a.client.messages.create({ to: "+14155550123", from: a.from, body: "Hello from the twilio library", statusCallback: callbacks.url("/sms-status") });
    expect(created).toMatchObject({ status: "queued", direction: "outbound-api", accountSid: a.accountSid, numSegments: "1", body: "Hello from the twilio library", apiVersion: "2010-04-01" });
    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);

    await runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
    const onCarrier = carrier.messages.find((m) => m.body === "Hello from the twilio library")!;
    expect(onCarrier).toMatchObject({ from: a.from, to: "+14155550123" });
    const delivered = twilioStatusCallback({ url: `${env.APP_URL}/api/webhooks/twilio/message-status`, authToken: CARRIER_TOKEN, accountSid: CARRIER_SID, messageSid: onCarrier.id, status: "delivered" });
    expect((await receiveProviderWebhook("twilio-status", delivered)).status).toBe(200);

    await waitFor("sent and delivered callbacks", async () => (await sendDueCallbacks(), callbacks.received.length >= 2), 5_000, 20);
    const forms = callbacks.received.map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(forms.map((f) => f.MessageStatus).sort()).toEqual(["delivered", "sent"]);
    for (const [i, r] of callbacks.received.entries()) {
      expect(forms[i]).toMatchObject({ MessageSid: created.sid, AccountSid: a.accountSid, From: a.from, To: "+14155550123" });
      expect(twilio.validateRequest(a.authToken, r.headers["x-twilio-signature"] as string, callbacks.url("/sms-status"), forms[i]!)).toBe(true);
    }

    const fetched = await a.client.messages(created.sid).fetch();
    expect(fetched).toMatchObject({ status: "delivered", price: "-0.00790", priceUnit: "USD" });
    const listed = await a.client.messages.list({ to: "+14155550123" });
    expect(listed.map((m) => m.sid)).toEqual([created.sid]);
    await callbacks.close();
  });

  it("answers Twilio's codes: 21606 for a From the account cannot send from, 21610 for an unsubscribed To, 20404 for another account's message", async () => {
    const a = await account();
    const fromErr = await a.client.messages.create({ to: "+14155550123", from: "+14155559998", body: "x" }).catch((e: unknown) => e as { code: number; status: number });
    expect(fromErr).toMatchObject({ code: 21606, status: 400 });
    await db.messagingSuppression.create({ data: { id: newSid("SU"), tenantId: a.tenant.id, address: "+14155550124", source: "manual" } });
    const stopErr = await a.client.messages.create({ to: "+14155550124", from: a.from, body: "x" }).catch((e: unknown) => e as { code: number });
    expect(stopErr).toMatchObject({ code: 21610 });
    const other = await createTestTenant();
    const otherCreds = await getTwilioCredentials(other.actor);
    const otherClient = twilio(otherCreds.accountSid, otherCreds.authToken, { httpClient: new LocalRequestClient(server.baseUrl) });
    const mine = await a.client.messages.create({ to: "+14155550125", from: a.from, body: "mine" });
    const notFound = await otherClient.messages(mine.sid).fetch().catch((e: unknown) => e as { code: number; status: number });
    expect(notFound).toMatchObject({ status: 404, code: 20404 });
  });
});
