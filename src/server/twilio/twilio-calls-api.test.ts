// The official twilio npm library end to end against the real route handlers of /2010-04-01 (served by
// src/test/app-route-server.ts), as a Twilio customer would point it at IRISX.
import { randomInt } from "node:crypto";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { applyCallProgress } from "@/server/calls/apply-call-progress";
import { sendDueCallbacks } from "@/server/calls/callbacks/send-due-callbacks";
import { finalizeCall } from "@/server/calls/finalize-call";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { getTwilioCredentials } from "@/server/account/get-twilio-credentials";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { startAppRouteServer } from "@/test/app-route-server";
import { claimAsWorker } from "@/test/call-fixtures";
import { createTestTenant } from "@/test/factories";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { LocalRequestClient } from "@/test/twilio-local-client";

type Server = Awaited<ReturnType<typeof startAppRouteServer>>;
type RestError = { status: number; code: number; message: string; moreInfo: string };

let server: Server;

function clientFor(username: string, password: string, accountSid?: string) {
  return twilio(username, password, { httpClient: new LocalRequestClient(server.baseUrl), ...(accountSid ? { accountSid } : {}) });
}

async function restError(p: Promise<unknown>): Promise<RestError> {
  return p.then(
    (v) => {
      throw new Error(`expected a RestException, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e as RestError,
  );
}

async function accountWithNumber() {
  const t = await createTestTenant();
  const from = `+1415${randomInt(2_000_000, 9_999_999)}`;
  await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: t.tenant.id, e164: from, origin: "ASSIGNED" } });
  const { accountSid, authToken } = await getTwilioCredentials(t.actor);
  return { ...t, from, accountSid, authToken, client: clientFor(accountSid, authToken) };
}

beforeAll(async () => {
  server = await startAppRouteServer("2010-04-01");
});
afterAll(async () => {
  await server.close();
});

describe("Twilio-compatible Calls API with the twilio npm library", () => {
  it("creates a call the way Twilio answers: 201, queued, outbound-api, RFC 2822 dates, uris", async () => {
    const a = await accountWithNumber();
    const call = await a.client.calls.create({
      to: "+14155550123",
      from: a.from,
      url: "https://example.com/voice",
      method: "GET",
      statusCallback: "https://example.com/status",
      statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
      statusCallbackMethod: "POST",
      timeout: 30,
      timeLimit: 600,
      record: true,
    });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call).toMatchObject({
      accountSid: a.accountSid,
      status: "queued",
      direction: "outbound-api",
      apiVersion: "2010-04-01",
      to: "+14155550123",
      toFormatted: "(415) 555-0123",
      from: a.from,
      price: null,
      priceUnit: "USD",
      duration: null,
      startTime: null,
      callerName: null,
      uri: `/2010-04-01/Accounts/${a.accountSid}/Calls/${call.sid}.json`,
    });
    expect(call.dateCreated).toBeInstanceOf(Date);
    expect(Math.abs(call.dateCreated.getTime() - Date.now())).toBeLessThan(60_000);
    expect(call.subresourceUris.recordings).toBe(`/2010-04-01/Accounts/${a.accountSid}/Calls/${call.sid}/Recordings.json`);

    const row = await db.call.findUniqueOrThrow({ where: { id: call.sid } });
    expect(row).toMatchObject({
      tenantId: a.tenant.id,
      apiSurface: "twilio",
      url: "https://example.com/voice",
      method: "GET",
      statusCallbackUrl: "https://example.com/status",
      statusCallbackEvents: ["initiated", "ringing", "answered", "completed"],
      timeoutSeconds: 30,
      timeLimitSeconds: 600,
      record: true,
    });
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", url: `/2010-04-01/Accounts/${a.accountSid}/Calls.json` });
  });

  it("accepts any Twiml voice document as the call's instructions and refuses what IRISX does not run with Twilio's code", async () => {
    const a = await accountWithNumber();
    const response = new twilio.twiml.VoiceResponse();
    response.say({ voice: "alice" }, "Your code is 1 2 3");
    response.pause({ length: 1 });
    response.hangup();
    const call = await a.client.calls.create({ to: "+14155550123", from: a.from, twiml: response });
    expect((await db.call.findUniqueOrThrow({ where: { id: call.sid } })).instructions).toEqual([{ say: "Your code is 1 2 3", voice: "alice", language: "en-US", loop: 1 }, { pause: 1 }, { hangup: true }]);

    const dial = new twilio.twiml.VoiceResponse();
    dial.gather({ numDigits: 1, action: "https://example.com/menu" }).say("Press 1");
    dial.dial("+14155550199");
    const gathered = await a.client.calls.create({ to: "+14155550123", from: a.from, twiml: dial });
    expect(((await db.call.findUniqueOrThrow({ where: { id: gathered.sid } })).instructions as object[]).map((v) => ("gather" in v ? "gather" : "dial" in v ? "dial" : "?"))).toEqual(["gather", "dial"]);

    const pay = new twilio.twiml.VoiceResponse();
    pay.pay();
    const err = await restError(a.client.calls.create({ to: "+14155550123", from: a.from, twiml: pay }));
    expect(err).toMatchObject({ status: 400, code: 12200, moreInfo: "https://www.twilio.com/docs/errors/12200" });
    expect(err.message).toContain("<Pay> is not supported by IRISX");
  });

  it("lists with Twilio's filters and pages through next_page_uri", async () => {
    const a = await accountWithNumber();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await a.client.calls.create({ to: "+14155550123", from: a.from, url: "https://example.com/v" })).sid);
    const other = await a.client.calls.create({ to: "+14155550124", from: a.from, url: "https://example.com/v" });
    await a.client.calls(created[0]!).update({ status: "canceled" });
    // Being dialled still reads (and filters as) queued, as on Twilio.
    await db.call.update({ where: { id: created[1]! }, data: { status: "INITIATED", initiatedAt: new Date() } });

    const before = server.requests.length;
    const queued = await a.client.calls.list({ status: "queued", to: "+14155550123", pageSize: 2, limit: 10 });
    expect(queued.map((c) => c.sid)).toEqual(created.slice(1).reverse());
    // Four calls two to a page: the library followed next_page_uri once.
    expect(server.requests.length - before).toBe(2);
    expect(server.requests.at(-1)!.url).toMatch(/PageToken=PACA[0-9a-f]{32}/);

    const page = await a.client.calls.page({ pageSize: 3 });
    expect(page.instances).toHaveLength(3);
    expect(page.nextPageUrl).toContain("Page=1&PageToken=PA");
    const next = await page.nextPage();
    expect(next!.instances.map((c) => c.sid)).toEqual([created[2], created[1], created[0]]);
    expect(next!.nextPageUrl).toBeUndefined();

    expect((await a.client.calls.list({ to: "+14155550124" })).map((c) => c.sid)).toEqual([other.sid]);
    expect((await a.client.calls.list({ status: "canceled" })).map((c) => c.sid)).toEqual([created[0]]);
    const today = new Date();
    expect(await a.client.calls.list({ startTimeAfter: new Date(today.getTime() - 60_000) })).toHaveLength(6);
    expect(await a.client.calls.list({ startTimeBefore: new Date(today.getTime() - 3_600_000) })).toHaveLength(0);
    // EndTime: only the canceled call has ended; a day (YYYY-MM-DD, as twilio-node sends endTime) and an instant both work.
    expect((await a.client.calls.list({ endTime: today })).map((c) => c.sid)).toEqual([created[0]]);
    expect((await a.client.calls.list({ endTimeAfter: new Date(today.getTime() - 60_000) })).map((c) => c.sid)).toEqual([created[0]]);
    expect(await a.client.calls.list({ endTimeBefore: new Date(today.getTime() - 3_600_000) })).toHaveLength(0);

    const raw = await fetch(`${server.baseUrl}/2010-04-01/Accounts/${a.accountSid}/Calls.json?PageSize=2`, { headers: { authorization: `Basic ${Buffer.from(`${a.accountSid}:${a.authToken}`).toString("base64")}` } });
    const envelope = (await raw.json()) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      page: 0,
      page_size: 2,
      start: 0,
      end: 1,
      previous_page_uri: null,
      uri: `/2010-04-01/Accounts/${a.accountSid}/Calls.json?PageSize=2&Page=0`,
      first_page_uri: `/2010-04-01/Accounts/${a.accountSid}/Calls.json?PageSize=2&Page=0`,
    });
    expect(envelope.next_page_uri).toMatch(new RegExp(`^/2010-04-01/Accounts/${a.accountSid}/Calls\\.json\\?PageSize=2&Page=1&PageToken=PACA[0-9a-f]{32}$`));
  });

  it("fetches, cancels, and refuses to redirect a finished call with 21220", async () => {
    const a = await accountWithNumber();
    const { sid } = await a.client.calls.create({ to: "+14155550123", from: a.from, url: "https://example.com/v" });
    expect((await a.client.calls(sid).fetch()).status).toBe("queued");
    const canceled = await a.client.calls(sid).update({ status: "canceled" });
    expect(canceled).toMatchObject({ sid, status: "canceled", duration: "0" });
    expect(canceled.endTime).toBeInstanceOf(Date);
    expect(canceled.price).toBe("0.00000");
    expect(await restError(a.client.calls(sid).update({ url: "https://example.com/next" }))).toMatchObject({ status: 400, code: 21220 });
    expect(await restError(a.client.calls(sid).update({ status: "busy" as never }))).toMatchObject({ status: 400, code: 20001 });
  });

  it("a call not answered yet keeps Url or Twiml given to it for when it is answered", async () => {
    const a = await accountWithNumber();
    const { sid } = await a.client.calls.create({ to: "+14155550123", from: a.from, url: "https://example.com/v" });
    await db.call.update({ where: { id: sid }, data: { status: "RINGING", initiatedAt: new Date() } });
    const updated = await a.client.calls(sid).update({ twiml: "<Response><Say>Transferring you now</Say><Hangup/></Response>" });
    expect(updated.status).toBe("ringing");
    const row = await db.call.findUniqueOrThrow({ where: { id: sid } });
    expect(row).toMatchObject({ url: null, instructions: [{ say: "Transferring you now", language: "en-US", loop: 1 }, { hangup: true }] });
    await a.client.calls(sid).update({ url: "https://example.com/next", method: "GET" });
    expect(await db.call.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ url: "https://example.com/next", method: "GET", instructions: null });
    expect(await db.callEvent.count({ where: { callId: sid, type: "redirect.requested" } })).toBe(2);
  });

  it("answers Twilio's errors: invalid To, From not owned, missing Url, ApplicationSid, wrong token, another account", async () => {
    const a = await accountWithNumber();
    const b = await accountWithNumber();
    expect(await restError(a.client.calls.create({ to: "+1415", from: a.from, url: "https://example.com/v" }))).toMatchObject({ status: 400, code: 21211 });
    expect(await restError(a.client.calls.create({ to: "+14155550123", from: "+14155550000", url: "https://example.com/v" }))).toMatchObject({ status: 400, code: 21210 });
    expect(await restError(a.client.calls.create({ to: "+14155550123", from: "not-a-number", url: "https://example.com/v" }))).toMatchObject({ status: 400, code: 21212 });
    expect(await restError(a.client.calls.create({ to: "+14155550123", from: a.from }))).toMatchObject({ status: 400, code: 21205 });
    expect(await restError(a.client.calls.create({ to: "+14155550123", from: a.from, applicationSid: `AP${"0".repeat(32)}` }))).toMatchObject({ status: 400, code: 21218 });
    expect(await restError(a.client.calls.create({ to: "+14155550123", from: a.from, url: "not a url" }))).toMatchObject({ status: 400, code: 21205 });

    const wrongToken = clientFor(a.accountSid, "0".repeat(32));
    expect(await restError(wrongToken.calls.list())).toMatchObject({ status: 401, code: 20003 });

    const { sid } = await b.client.calls.create({ to: "+14155550123", from: b.from, url: "https://example.com/v" });
    // A's credentials on B's account path, and B's call under A's account: both not found.
    const crossAccount = clientFor(a.accountSid, a.authToken, b.accountSid);
    expect(await restError(crossAccount.calls.list())).toMatchObject({ status: 404, code: 20404 });
    expect(await restError(a.client.calls(sid).fetch())).toMatchObject({ status: 404, code: 20404 });
    expect(await restError(a.client.calls(sid).update({ status: "canceled" }))).toMatchObject({ status: 404, code: 20404 });
    expect((await db.call.findUniqueOrThrow({ where: { id: sid } })).status).toBe("QUEUED");
  });

  it("authenticates IRISX API keys Twilio's API-key way, with their scopes", async () => {
    const a = await accountWithNumber();
    const writer = await createApiKey(a.actor, { name: "calls", scopes: ["calls:write", "calls:read"] });
    const reader = await createApiKey(a.actor, { name: "read", scopes: ["calls:read"] });
    const keyClient = clientFor(writer.apiKey.id, writer.secret, a.accountSid);
    const call = await keyClient.calls.create({ to: "+14155550123", from: a.from, url: "https://example.com/v" });
    expect((await db.call.findUniqueOrThrow({ where: { id: call.sid } })).apiKeyId).toBe(writer.apiKey.id);

    const readClient = clientFor(reader.apiKey.id, reader.secret, a.accountSid);
    expect((await readClient.calls(call.sid).fetch()).sid).toBe(call.sid);
    expect(await restError(readClient.calls.create({ to: "+14155550123", from: a.from, url: "https://example.com/v" }))).toMatchObject({ status: 403, code: 20403 });
  });

  it("honours Idempotency-Key like the native API", async () => {
    const a = await accountWithNumber();
    const post = (to: string) =>
      fetch(`${server.baseUrl}/2010-04-01/Accounts/${a.accountSid}/Calls.json`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${a.accountSid}:${a.authToken}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
          "idempotency-key": "order-4711",
        },
        body: new URLSearchParams({ To: to, From: a.from, Url: "https://example.com/v" }).toString(),
      });
    const first = await post("+14155550123");
    const second = await post("+14155550123");
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const [one, two] = [(await first.json()) as { sid: string }, (await second.json()) as { sid: string }];
    expect(two.sid).toBe(one.sid);
    expect(await db.call.count({ where: { tenantId: a.tenant.id } })).toBe(1);
    expect((await post("+14155550124")).status).toBe(422);
  });

  it("a call placed through the library reports its progress to StatusCallback, signed so twilio.validateRequest accepts it", async () => {
    env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
    const receiver = await startWebhookReceiver(() => ({ status: 204 }));
    try {
      const a = await accountWithNumber();
      const statusCallback = receiver.url("/status?app=crm");
      const { sid } = await a.client.calls.create({
        to: "+14155550123",
        from: a.from,
        url: "https://example.com/voice",
        statusCallback,
        statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
      });
      // What the worker does as the switch reports the call.
      const claimed = await claimAsWorker({ switchId: `sw-${sid}`, workerId: "test", limit: 100 });
      expect(claimed.map((c) => c.id)).toContain(sid);
      const t0 = Date.now();
      await applyCallProgress({ callId: sid, status: "RINGING", at: new Date(t0 + 1_000) });
      await applyCallProgress({ callId: sid, status: "IN_PROGRESS", at: new Date(t0 + 3_000) });
      await finalizeCall({ callId: sid, endedAt: new Date(t0 + 10_000), hangupCause: "NORMAL_CLEARING", sipStatus: 200, billsec: 7, answeredAt: new Date(t0 + 3_000) });

      // Send until all four arrived: a callback sender running for another test file on this database may hold
      // one of them for a moment (only one sender at a time holds a call's next callback).
      const ours = () => receiver.received.map((r) => Object.fromEntries(new URLSearchParams(r.body))).filter((p) => p.CallSid === sid);
      for (const deadline = Date.now() + 10_000; ours().length < 4 && Date.now() < deadline; ) {
        await sendDueCallbacks({ now: new Date(Date.now() + 1_000) });
        if (ours().length < 4) await new Promise((r) => setTimeout(r, 100));
      }
      const mine = ours();
      expect(mine.map((p) => p.CallStatus)).toEqual(["initiated", "ringing", "in-progress", "completed"]);
      const sequences = mine.map((p) => Number(p.SequenceNumber));
      expect([...sequences].sort((x, y) => x - y)).toEqual(sequences);
      expect(mine[3]).toMatchObject({ AccountSid: a.accountSid, From: a.from, To: "+14155550123", Direction: "outbound-api", ApiVersion: "2010-04-01", CallDuration: "10" });
      for (const request of receiver.received.filter((r) => r.body.includes(sid))) {
        const params = Object.fromEntries(new URLSearchParams(request.body));
        expect(twilio.validateRequest(a.authToken, String(request.headers["x-twilio-signature"]), statusCallback, params)).toBe(true);
      }
      // The resource shows the finished call as Twilio would.
      const done = await a.client.calls(sid).fetch();
      expect(done).toMatchObject({ status: "completed", duration: "10" });
      expect(done.price).toMatch(/^-\d+\.\d{5}$/);
    } finally {
      env.WEBHOOK_ALLOW_PRIVATE_HOSTS = [];
      await receiver.close();
    }
  });
});
