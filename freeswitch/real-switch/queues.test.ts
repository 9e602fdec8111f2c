// <Enqueue> on a real FreeSWITCH (the simulator's twin is worker/worker-queues.test.ts):
//   - the waitUrl document runs in a loop, asked with the queue's facts; <Leave> takes the caller out and the
//     action hears QueueResult leave with QueueSid and QueueTime;
//   - without a waitUrl the caller hears the switch's music on hold (`playback local_stream://moh`, which plays until
//     broken) until a live redirect through the REST API takes it out: the action hears redirected, the new document
//     runs at once;
//   - a caller who hangs up while queued leaves the queue; the action hears hangup;
//   - <Dial><Queue> takes the caller at the front: the Queue noun's url runs on it, the switch bridges the two
//     (uuid_bridge, both park_after_bridge), the dialler's dial ends completed when the caller leaves, and the
//     caller's action hears bridged.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { createVoiceTenant, describeRealSwitch, EslTap, placeCall, rest, waitFor, waitForFinal, waitForStatus, type VoiceTenant } from "./harness/fixtures";

type Reply = { status: number; body: string; headers: Record<string, string> };
const twiml = (body: string): Reply => ({ status: 200, body: `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`, headers: { "Content-Type": "text/xml" } });
const paramsOf = (body: string) => Object.fromEntries(new URLSearchParams(body));

describeRealSwitch("queues on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  let app: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const routes = new Map<string, (params: Record<string, string>) => Reply>();

  beforeAll(async () => {
    app = await startWebhookReceiver((req) => routes.get(new URL(req.url ?? "/", "http://x").pathname)?.(paramsOf(req.body)) ?? { status: 404, body: "", headers: {} });
    tenant = await createVoiceTenant({ voiceUrl: "http://127.0.0.1:1/unused" });
    tap = await EslTap.open(["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP_COMPLETE", "PLAYBACK_START", "PLAYBACK_STOP", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE"]);
  });
  afterAll(async () => {
    await tap.close();
    await app.close();
  });

  const requestsTo = (path: string, callId: string) => app.received.filter((r) => r.url?.startsWith(path) && paramsOf(r.body).CallSid === callId).map((r) => paramsOf(r.body));
  const spoken = (callId: string) => tap.executed(callId).filter((a) => a.app === "speak").map((a) => a.data.split("|")[2] ?? "");
  const completed = (callId: string, app: string) =>
    tap.events.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === callId && e.get("Application") === app).map((e) => e.get("Application-Response") ?? "");

  it("the waitUrl runs in a loop with the queue's facts; <Leave> reaches the action with QueueResult, QueueSid and QueueTime", async () => {
    routes.set("/wait", (p) => (requestsTo("/wait", p.CallSid!).length >= 3 ? twiml("<Leave/>") : twiml('<Say>Please hold</Say><Pause length="1"/>')));
    routes.set("/after", () => twiml("<Say>Thank you for waiting</Say><Hangup/>"));
    routes.set("/enqueue", () => twiml('<Enqueue waitUrl="/wait" action="/after">support</Enqueue><Say>never</Say>'));
    const call = await placeCall(tenant, { to: "+15005550100", url: app.url("/enqueue") });
    expect((await waitForFinal(tenant, call.id, 60_000)).status).toBe("completed");
    const waits = requestsTo("/wait", call.id);
    expect(waits).toHaveLength(3);
    expect(waits[0]).toMatchObject({ QueuePosition: "1", CurrentQueueSize: "1", MaxQueueSize: "100", QueueTime: "0", AvgQueueTime: "0" });
    expect(waits[0]!.QueueSid).toMatch(/^QU[0-9a-f]{32}$/);
    expect(Number(waits[2]!.QueueTime)).toBeGreaterThanOrEqual(2);
    const [after] = requestsTo("/after", call.id);
    expect(after).toMatchObject({ QueueResult: "leave", QueueSid: waits[0]!.QueueSid, CallStatus: "in-progress" });
    expect(Number(after!.QueueTime)).toBeGreaterThanOrEqual(2);
    expect(spoken(call.id)).toEqual(["Please hold", "Please hold", "Thank you for waiting"]);
  });

  it("without a waitUrl the switch's music on hold plays until a live redirect takes the caller out (redirected)", async () => {
    routes.set("/moh", () => twiml('<Enqueue action="/moh-after">sales</Enqueue>'));
    routes.set("/moh-after", () => twiml("<Say>never run</Say>"));
    const call = await placeCall(tenant, { to: "+15005550100", url: app.url("/moh") });
    await waitForStatus(tenant, call.id, ["in-progress"], 30_000);
    await waitFor("the music on hold", async () => tap.executed(call.id).some((a) => a.app === "playback" && a.data === "local_stream://moh"));
    // The stream plays on: 3 s later the playback has not completed.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(completed(call.id, "playback")).toEqual([]);
    expect(tap.events.some((e) => e.name === "PLAYBACK_START" && e.variable("irisx_call_id") === call.id)).toBe(true);
    const redirected = await rest(tenant, "POST", `/api/v1/calls/${call.id}`, { twiml: "<Response><Say>You have been redirected</Say><Hangup/></Response>" });
    expect(redirected.status).toBe(200);
    expect((await waitForFinal(tenant, call.id, 30_000)).status).toBe("completed");
    expect(spoken(call.id)).toEqual(["You have been redirected"]);
    const [after] = await waitFor("the action told", async () => (requestsTo("/moh-after", call.id).length ? requestsTo("/moh-after", call.id) : null));
    expect(after).toMatchObject({ QueueResult: "redirected" });
    expect(Number(after!.QueueTime)).toBeGreaterThanOrEqual(3);
  });

  it("a caller who hangs up while queued leaves the queue; the action hears hangup", async () => {
    routes.set("/gone", () => twiml('<Enqueue action="/gone-after">billing</Enqueue>'));
    routes.set("/gone-after", () => twiml(""));
    const call = await placeCall(tenant, { to: "+15005550100", url: app.url("/gone") });
    await waitFor("the music on hold", async () => tap.executed(call.id).some((a) => a.app === "playback" && a.data === "local_stream://moh"));
    expect((await rest(tenant, "POST", `/api/v1/calls/${call.id}`, { status: "completed" })).status).toBe(200);
    expect((await waitForFinal(tenant, call.id, 30_000)).status).toBe("completed");
    const [after] = await waitFor("the action told", async () => (requestsTo("/gone-after", call.id).length ? requestsTo("/gone-after", call.id) : null));
    expect(after).toMatchObject({ QueueResult: "hangup", CallStatus: "completed" });
    const { db } = await import("@/server/db");
    expect(await db.queueMember.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
  });

  it("<Dial><Queue>: the caller at the front hears the Queue url, is bridged to the dialler, and each goes on when the other leaves", async () => {
    routes.set("/dq-enqueue", () => twiml('<Enqueue action="/dq-after">desk</Enqueue>'));
    routes.set("/dq-after", () => twiml(""));
    routes.set("/dq-agent", () => twiml('<Dial action="/dq-dialed"><Queue url="/dq-url">desk</Queue></Dial>'));
    routes.set("/dq-url", () => twiml("<Say>You are now connected</Say>"));
    routes.set("/dq-dialed", () => twiml("<Say>Next caller</Say><Hangup/>"));
    // The caller's far end hangs up 12 s after answering; the dialler's stays until the switch hangs it up.
    const caller = await placeCall(tenant, { to: "+15005550112", url: app.url("/dq-enqueue") });
    await waitFor("the music on hold", async () => tap.executed(caller.id).some((a) => a.app === "playback" && a.data === "local_stream://moh"));
    const agent = await placeCall(tenant, { to: "+15005550100", url: app.url("/dq-agent") });
    expect((await waitForFinal(tenant, caller.id, 40_000)).status).toBe("completed");
    expect((await waitForFinal(tenant, agent.id, 40_000)).status).toBe("completed");
    const [asked] = requestsTo("/dq-url", caller.id);
    expect(asked).toMatchObject({ DequeingCallSid: agent.id });
    expect(asked!.QueueSid).toMatch(/^QU/);
    expect(spoken(caller.id)).toEqual(["You are now connected"]);
    const bridges = tap.events.filter((e) => e.name === "CHANNEL_BRIDGE" && e.variable("irisx_call_id") === agent.id);
    expect(bridges).toHaveLength(1);
    expect(requestsTo("/dq-dialed", agent.id)).toEqual([expect.objectContaining({ DialCallStatus: "completed", DialCallSid: caller.id, DialBridged: "true" })]);
    expect(Number(requestsTo("/dq-dialed", agent.id)[0]!.DialCallDuration)).toBeGreaterThanOrEqual(3);
    expect(spoken(agent.id)).toEqual(["Next caller"]);
    const after = await waitFor("the caller's action told", async () => requestsTo("/dq-after", caller.id)[0] ?? null);
    expect(after).toMatchObject({ QueueResult: "bridged", QueueSid: asked!.QueueSid });
  });
});
