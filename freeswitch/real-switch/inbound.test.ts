// Inbound calls through the carrier profile of the real switch, placed by SIPp as a customer: the DID finds the
// tenant's number, its voice URL is asked (signed like Twilio), the answer runs, the caller's RFC 2833 digits land
// on the timeline, and a call record is written. A DID nobody owns is refused; a caller id that is no phone
// number is kept as the switch received it. Desk phones register through mod_xml_curl and the app's directory.
import { afterAll, beforeAll, expect, it } from "vitest";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { callEventsOf, callRecordOf, createVoiceTenant, describeRealSwitch, EslTap, getCall, sippPorts, stackInfo, uniqueNumber, waitFor, waitForFinal, type VoiceTenant } from "./harness/fixtures";
import { placeInboundCall, registerPhone } from "./harness/sipp";

describeRealSwitch("inbound calls and phones on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  let voiceApp: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    voiceApp = await startWebhookReceiver(() => ({
      status: 200,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ instructions: [{ say: "thanks for calling" }, { pause: 4 }, { hangup: true }] }),
    }));
    tenant = await createVoiceTenant({ voiceUrl: voiceApp.url("/voice") });
    tap = await EslTap.open(["CHANNEL_HANGUP_COMPLETE", "CHANNEL_EXECUTE"]);
  });
  afterAll(async () => {
    await tap.close();
    await voiceApp.close();
  });

  async function callIn(opts: { did: string; caller: string; dtmf?: string }) {
    const ports = await sippPorts();
    const info = stackInfo();
    const run = placeInboundCall({ target: `127.0.0.1:${info.externalSipPort}`, did: opts.did, caller: opts.caller, dtmf: opts.dtmf, ...ports, workDir: `${info.workDir}/sipp` });
    return run.exited;
  }

  async function inboundCallFrom(caller: string) {
    const { db } = await import("@/server/db");
    return waitFor(`the inbound call from ${caller}`, () => db.call.findFirst({ where: { tenantId: tenant.tenantId, direction: "INBOUND", from: caller }, orderBy: { createdAt: "desc" } }));
  }

  it.concurrent("a call to the tenant's DID asks its voice URL (signed), runs the answer, records the caller's digits and a CDR", async () => {
    const caller = "+14155550199";
    expect(await callIn({ did: tenant.number, caller, dtmf: "12#" })).toBe(0);
    const stored = await inboundCallFrom(caller);
    const final = await waitForFinal(tenant, stored.id, 20_000);
    expect(final).toMatchObject({ status: "completed", direction: "inbound", to: tenant.number, from: caller });
    expect(Number(final.billsec)).toBeGreaterThanOrEqual(4);

    const request = voiceApp.received.find((r) => new URLSearchParams(r.body).get("CallSid") === stored.id)!;
    const params = Object.fromEntries(new URLSearchParams(request.body));
    expect(params).toMatchObject({ CallSid: stored.id, AccountSid: tenant.accountSid, From: caller, To: tenant.number, Direction: "inbound", CallStatus: "in-progress" });
    expect(request.headers["x-twilio-signature"]).toBe(signTwilioRequest(tenant.authToken, voiceApp.url("/voice"), params));

    const digits = (await callEventsOf(stored.id)).filter((e) => e.type === "dtmf").map((e) => (e.data as { digit: string }).digit);
    expect(digits).toEqual(["1", "2", "#"]);
    expect(await callRecordOf(stored.id)).toMatchObject({ direction: "INBOUND", billsec: final.billsec });
    expect((await getCall(tenant, stored.id)).status).toBe("completed");
  });

  it.concurrent("the carrier's national form of the DID (10 digits) reaches the same number", async () => {
    const caller = "+14155550198";
    expect(await callIn({ did: tenant.number.slice(2), caller })).toBe(0);
    const stored = await inboundCallFrom(caller);
    expect((await waitForFinal(tenant, stored.id, 20_000)).to).toBe(tenant.number);
  });

  it.concurrent("a caller id that is no phone number is stored as the switch received it, never with an invented +", async () => {
    expect(await callIn({ did: tenant.number, caller: "5551000" })).toBe(0);
    const stored = await inboundCallFrom("5551000");
    expect(stored.from).toBe("5551000");
    await waitForFinal(tenant, stored.id, 20_000);
  });

  it("a DID no account owns is refused with UNALLOCATED_NUMBER and nothing is stored", async () => {
    const did = uniqueNumber();
    expect(await callIn({ did, caller: "+14155550197" })).not.toBe(0);
    const hangup = await waitFor("the refused channel's hang-up", async () =>
      tap.events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.variable("irisx_did") === did),
    );
    expect(hangup.get("Hangup-Cause")).toBe("UNALLOCATED_NUMBER");
    const { db } = await import("@/server/db");
    expect(await db.call.count({ where: { to: did } })).toBe(0);
  });

  it("a number with no handler: the caller is refused (SERVICE_UNAVAILABLE) and the tenant sees a failed call with the reason", async () => {
    const bare = await createVoiceTenant();
    const caller = "+14155550196";
    expect(await callIn({ did: bare.number, caller })).not.toBe(0);
    const { db } = await import("@/server/db");
    const stored = await waitFor("the refused call", () => db.call.findFirst({ where: { tenantId: bare.tenantId, from: caller } }));
    expect(stored).toMatchObject({ status: "FAILED", hangupCause: "SERVICE_UNAVAILABLE", billsec: 0 });
    expect((await callEventsOf(stored.id)).at(-1)!.data).toMatchObject({ rejected: "no_handler" });
    const hangup = await waitFor("the refused channel's hang-up", async () => tap.events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.get("Unique-ID") === stored.channelUuid));
    expect(hangup.get("Hangup-Cause")).toBe("SERVICE_UNAVAILABLE");
  });

  it("a voice URL answering an empty <Response/> ends the call at once; one answering HTTP 500 leaves error 11200 on the call", async () => {
    const answers = await startWebhookReceiver((req) =>
      req.url.startsWith("/empty") ? { status: 200, headers: { "Content-Type": "text/xml" }, body: "<Response/>" } : { status: 500, body: "down" },
    );
    try {
      const empty = await createVoiceTenant({ voiceUrl: answers.url("/empty") });
      const broken = await createVoiceTenant({ voiceUrl: answers.url("/broken") });
      const { db } = await import("@/server/db");
      const started = Date.now();
      expect(await callIn({ did: empty.number, caller: "+14155550195" })).toBe(0);
      const ended = await waitFor("the empty-answer call", () => db.call.findFirst({ where: { tenantId: empty.tenantId, status: "COMPLETED" } }));
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(ended.billsec).toBeLessThanOrEqual(2);

      expect(await callIn({ did: broken.number, caller: "+14155550194" })).toBe(0);
      const failed = await waitFor("the broken-URL call", () => db.call.findFirst({ where: { tenantId: broken.tenantId, status: "COMPLETED" } }));
      expect((await callEventsOf(failed.id)).find((e) => e.type === "debugger.error")?.data).toMatchObject({ code: 11200, httpStatus: 500, source: "fetch" });
    } finally {
      await answers.close();
    }
  });

  it("a desk phone registers with its SIP user's password through mod_xml_curl; a wrong password is refused", async () => {
    const { createSipUser } = await import("@/server/sip/create-sip-user");
    const { sipUser, password } = await createSipUser(tenant.actor, { username: "desk100", displayName: "Front desk" });
    const info = stackInfo();
    const target = `127.0.0.1:${info.internalSipPort}`;
    const workDir = `${info.workDir}/sipp`;
    const ok = registerPhone({ target, user: sipUser.username, domain: tenant.sipDomain, password, expect: 200, port: (await sippPorts()).port, workDir });
    expect(await ok.exited).toBe(0);
    const registrations = await tap.api("sofia status profile internal reg");
    expect(registrations).toContain(`${sipUser.username}@${tenant.sipDomain}`);
    const wrong = registerPhone({ target, user: sipUser.username, domain: tenant.sipDomain, password: `${password}x`, expect: 403, port: (await sippPorts()).port, workDir });
    expect(await wrong.exited).toBe(0);
    // Another tenant's domain does not know this user.
    const other = await createVoiceTenant();
    const foreign = registerPhone({ target, user: sipUser.username, domain: other.sipDomain, password, expect: 403, port: (await sippPorts()).port, workDir });
    expect(await foreign.exited).toBe(0);
  });
});
