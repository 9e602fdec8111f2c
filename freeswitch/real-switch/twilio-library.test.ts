// The official twilio npm library against the app on a real switch, as a Twilio customer points it at IRISX: create
// a call with TwiML and status callbacks, follow it to completed, list it, and hang up a live call with update.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { createVoiceTenant, describeRealSwitch, stackInfo, waitFor, type VoiceTenant } from "./harness/fixtures";

/** twilio-node's documented extension point: an httpClient that sends api.twilio.com to the app. */
class LocalRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.baseUrl) });
  }
}

describeRealSwitch("the twilio library on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let callbacks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let client: ReturnType<typeof twilio>;

  beforeAll(async () => {
    tenant = await createVoiceTenant();
    callbacks = await startWebhookReceiver(() => ({ status: 204 }));
    client = twilio(tenant.accountSid, tenant.authToken, { httpClient: new LocalRequestClient(stackInfo().appUrl) });
  });
  afterAll(() => callbacks.close());

  it("calls.create with Twiml: the call runs on the switch, ends completed, and every status callback is signed", async () => {
    const created = await client.calls.create({
      to: "+15005550100",
      from: tenant.number,
      twiml: "<Response><Say>Hello from the twilio library</Say><Pause length=\"1\"/><Hangup/></Response>",
      statusCallback: callbacks.url("/status"),
      statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
    });
    expect(created.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(created.status).toBe("queued");
    const done = await waitFor("the call to complete", async () => {
      const call = await client.calls(created.sid).fetch();
      return call.status === "completed" ? call : null;
    }, 45_000);
    expect(Number(done.duration)).toBeGreaterThanOrEqual(1);
    const mine = await waitFor("four callbacks", async () => {
      const list = callbacks.received.filter((r) => new URLSearchParams(r.body).get("CallSid") === created.sid);
      return list.length >= 4 ? list : null;
    });
    expect(mine.map((r) => new URLSearchParams(r.body).get("CallStatus"))).toEqual(["initiated", "ringing", "in-progress", "completed"]);
    for (const r of mine) {
      expect(r.headers["x-twilio-signature"]).toBe(signTwilioRequest(tenant.authToken, callbacks.url("/status"), Object.fromEntries(new URLSearchParams(r.body))));
    }
    const listed = await client.calls.list({ to: "+15005550100", limit: 20 });
    expect(listed.map((c) => c.sid)).toContain(created.sid);
  });

  it("TwiML read by the voice-document parser runs on the switch with its attributes; refused TwiML never reaches it", async () => {
    // Say with voice, language and loop, and a Pause, as Twilio's documentation writes them.
    const created = await client.calls.create({
      to: "+15005550100",
      from: tenant.number,
      twiml: '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Say voice="woman" language="en-US" loop="2">Chapeau!</Say>\n  <Pause length="1"/>\n</Response>',
    });
    const done = await waitFor("the call to complete", async () => {
      const call = await client.calls(created.sid).fetch();
      return call.status === "completed" ? call : null;
    }, 45_000);
    expect(Number(done.duration)).toBeGreaterThanOrEqual(1);

    // An invalid attribute is refused with Twilio's code, naming where it is; no call is placed.
    const before = (await client.calls.list({ to: "+15005550100", limit: 100 })).length;
    const refused = await client.calls
      .create({ to: "+15005550100", from: tenant.number, twiml: '<Response>\n  <Say loop="-1">Hello</Say>\n</Response>' })
      .then(
        () => null,
        (e: unknown) => e as { status: number; code: number; message: string },
      );
    expect(refused).toMatchObject({ status: 400, code: 13510 });
    expect(refused?.message).toMatch(/line 2/);
    expect((await client.calls.list({ to: "+15005550100", limit: 100 })).length).toBe(before);
  });

  it("calls(sid).update({ status: 'completed' }) hangs up a live call", async () => {
    const created = await client.calls.create({ to: "+15005550100", from: tenant.number, twiml: "<Response><Pause length=\"60\"/></Response>" });
    await waitFor("the call to be answered", async () => (await client.calls(created.sid).fetch()).status === "in-progress", 20_000);
    // As on Twilio, the update answers with the call as it is after the hang-up: completed, with its end time.
    const done = await client.calls(created.sid).update({ status: "completed" });
    expect(done.status).toBe("completed");
    expect(done.endTime).not.toBeNull();
    expect(Number(done.duration)).toBeLessThan(30);
  });
});
