// A voice URL that fails leaves its mark on the call, in Twilio's terms: the timeline gets a `debugger.error` event
// with Twilio's error code (11200 HTTP status, 11205 connection, 11210 bad host, 12100 parse, 12300 Content-Type)
// before the apology; an empty `<Response/>` ends the call at once instead of leaving it up; a call to a number
// with no handler is the tenant's failed call with the reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { getTenantAuthToken } from "@/server/account/get-tenant-auth-token";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";
import { db } from "@/server/db";
import { createVoiceTenant } from "@/test/call-fixtures";
import { startWebhookReceiver, type ReceiverReply } from "@/test/webhook-receiver";
import type { Simulator } from "../freeswitch/simulator/index";
import { freePort } from "../scripts/lib/free-port";
import type { RunningWorker } from "./start-worker";
import { startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const answers = new Map<string, ReceiverReply>();

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  await useTempRecordingDirs();
  receiver = await startWebhookReceiver((req) => answers.get(req.url.split("?")[0]!) ?? { status: 404 });
  sim = await startTestSimulator({ timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
  worker = await startTestWorker(sim);
});

afterAll(async () => {
  await worker?.stop(5_000);
  await sim?.close();
  await receiver?.close();
});

async function callIn(voiceUrl: string | null) {
  const voice = await createVoiceTenant({ voiceUrl });
  const uuid = sim.injectInbound({ from: "+14155550123", to: voice.number.e164 });
  const call = await waitFor("the inbound call row", () => db.call.findUnique({ where: { channelUuid: uuid } }));
  return { ended: await waitForFinalCall(call.id, 30_000), uuid };
}

describe("a voice URL that fails", () => {
  const cases: [string, ReceiverReply | null, number, RegExp][] = [
    ["/status-500", { status: 500, body: "oops" }, 11200, /HTTP 500/],
    ["/not-twiml", { status: 200, body: "<Response><Dance/></Response>", headers: { "Content-Type": "text/xml" } }, 12200, /Dance/i],
    ["/an-image", { status: 200, body: "GIF89a", headers: { "Content-Type": "image/gif" } }, 12300, /image\/gif/],
  ];
  for (const [path, reply, code, message] of cases) {
    it(`${path}: error ${code} on the timeline, then the apology and the hang-up`, { timeout: 40_000 }, async () => {
      answers.set(path, reply!);
      const { ended } = await callIn(receiver.url(path));
      expect(ended.status).toBe("COMPLETED");
      const failure = ended.events.find((e) => e.type === "debugger.error");
      expect(failure?.data).toMatchObject({ code, url: receiver.url(path), message: expect.stringMatching(message) });
    });
  }

  it("a server that refuses the connection: 11205; a host that does not resolve: 11210", async () => {
    const refused = await callIn(`http://127.0.0.1:${await freePort()}/voice`);
    expect(refused.ended.events.find((e) => e.type === "debugger.error")?.data).toMatchObject({ code: 11205 });
    const badHost = await callIn("https://no-such-host.invalid/voice");
    expect(badHost.ended.events.find((e) => e.type === "debugger.error")?.data).toMatchObject({ code: 11210 });
  });

  it("a voice URL that redirects: the request to the final URL is signed for that URL, as Twilio signs it", async () => {
    answers.set("/moved", { status: 302, headers: { Location: receiver.url("/moved-here") } });
    answers.set("/moved-here", { status: 200, body: "<Response><Hangup/></Response>", headers: { "Content-Type": "text/xml" } });
    const { ended } = await callIn(receiver.url("/moved"));
    expect(ended.events.some((e) => e.type === "debugger.error")).toBe(false);
    const final = receiver.received.find((r) => r.url === "/moved-here" && new URLSearchParams(r.body).get("CallSid") === ended.id)!;
    const token = await getTenantAuthToken(ended.tenantId);
    expect(final.headers["x-twilio-signature"]).toBe(signTwilioRequest(token, receiver.url("/moved-here"), Object.fromEntries(new URLSearchParams(final.body))));
  });

  it("an empty <Response/> ends the call at once, as Twilio does, instead of leaving it up", async () => {
    answers.set("/empty", { status: 200, body: '<?xml version="1.0"?><Response/>', headers: { "Content-Type": "text/xml" } });
    const started = Date.now();
    const { ended } = await callIn(receiver.url("/empty"));
    expect(ended.status).toBe("COMPLETED");
    expect(ended.events.some((e) => e.type === "debugger.error")).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a number with no handler: the tenant's call, failed, with the reason; the caller hears SERVICE_UNAVAILABLE", async () => {
    const { ended, uuid } = await callIn(null);
    expect(ended).toMatchObject({ status: "FAILED", hangupCause: "SERVICE_UNAVAILABLE", billsec: 0 });
    expect(ended.events.at(-1)!.data).toMatchObject({ rejected: "no_handler" });
    await waitFor("the channel hung up", async () => !sim.channels.has(uuid));
  });
});
