// <Refer> on a real FreeSWITCH (the simulator's twin is worker/worker-refer.test.ts): a caller's SIP device
// (scenarios/caller-refer.xml) is asked to transfer the call. The switch's `deflect` sends the REFER in the dialog;
//   - the device accepts (202) and reports the transfer done (NOTIFY, sipfrag 200): the action hears in-progress with
//     ReferSipResponseCode 202 and NotifySipResponseCode 200, and the switch ends its leg (BYE);
//   - the device refuses (603): the call stays up, the action hears failed and its TwiML runs.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { createVoiceTenant, describeRealSwitch, EslTap, sippPorts, stackInfo, waitFor, waitForFinal, type VoiceTenant } from "./harness/fixtures";
import { placeReferringCall } from "./harness/sipp";

type Reply = { status: number; body: string; headers: Record<string, string> };
const twiml = (body: string): Reply => ({ status: 200, body: `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`, headers: { "Content-Type": "text/xml" } });
const paramsOf = (body: string) => Object.fromEntries(new URLSearchParams(body));

describeRealSwitch("refer on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  let app: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const routes = new Map<string, Reply>();

  beforeAll(async () => {
    app = await startWebhookReceiver((req) => routes.get(new URL(req.url ?? "/", "http://x").pathname) ?? { status: 404, body: "", headers: {} });
    tenant = await createVoiceTenant({ voiceUrl: "http://127.0.0.1:1/unused" });
    tap = await EslTap.open();
    routes.set("/refer", twiml('<Refer action="/referred"><Sip>sip:alice@example.com</Sip></Refer><Say>never</Say>'));
    routes.set("/referred", twiml("<Say>Transfer failed</Say><Hangup/>"));
    const { db } = await import("@/server/db");
    await db.phoneNumber.updateMany({ where: { tenantId: tenant.tenantId }, data: { voiceUrl: app.url("/refer") } });
  });
  afterAll(async () => {
    await tap.close();
    await app.close();
  });

  const requestsTo = (path: string, callId: string) => app.received.filter((r) => r.url?.startsWith(path) && paramsOf(r.body).CallSid === callId).map((r) => paramsOf(r.body));

  async function callIn(caller: string, referReply: string, notifyStatus: string | null) {
    const ports = await sippPorts();
    const info = stackInfo();
    const run = placeReferringCall({ target: `127.0.0.1:${info.externalSipPort}`, did: tenant.number, caller, referReply, notifyStatus, ...ports, workDir: `${info.workDir}/sipp` });
    const { db } = await import("@/server/db");
    const call = await waitFor(`the call from ${caller}`, () => db.call.findFirst({ where: { tenantId: tenant.tenantId, direction: "INBOUND", from: caller }, orderBy: { createdAt: "desc" } }));
    return { run, call };
  }

  it("accepted (202) and done (NOTIFY 200): the action hears in-progress with both codes and the switch ends its leg", async () => {
    const { run, call } = await callIn("+14155550181", "202 Accepted", "200 OK");
    expect(await run.exited).toBe(0);
    expect((await waitForFinal(tenant, call.id, 30_000)).status).toBe("completed");
    expect(tap.executed(call.id).filter((a) => a.app === "deflect").map((a) => a.data)).toEqual(["sip:alice@example.com"]);
    const [told] = await waitFor("the action told", async () => (requestsTo("/referred", call.id).length ? requestsTo("/referred", call.id) : null));
    expect(told).toMatchObject({ ReferCallStatus: "in-progress", ReferSipResponseCode: "202", NotifySipResponseCode: "200", CallStatus: "completed" });
    expect(tap.executed(call.id).some((a) => a.app === "speak")).toBe(false);
  });

  it("refused (603): the call stays up, the action hears failed and its TwiML runs", async () => {
    const { run, call } = await callIn("+14155550182", "603 Decline", null);
    expect(await run.exited).toBe(0);
    expect((await waitForFinal(tenant, call.id, 30_000)).status).toBe("completed");
    const [told] = requestsTo("/referred", call.id);
    expect(told).toMatchObject({ ReferCallStatus: "failed", ReferSipResponseCode: "603", CallStatus: "in-progress" });
    expect(told).not.toHaveProperty("NotifySipResponseCode");
    expect(tap.executed(call.id).filter((a) => a.app === "speak").map((a) => a.data.split("|")[2])).toEqual(["Transfer failed"]);
  });
});
