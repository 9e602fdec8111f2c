// <Enqueue> on the simulator (the same is proven on the real switch by freeswitch/real-switch/queues.test.ts): callers
// wait in a tenant's named queue while the waitUrl document runs in a loop, asked with the queue's facts as Twilio
// names them; <Leave> takes a caller out and the action hears QueueResult and QueueTime; without a waitUrl the caller
// hears the switch's music on hold until a live redirect takes it (redirected); a full queue refuses the next caller;
// a caller hanging up leaves the queue and the action hears hangup.
import { describe, expect, it } from "vitest";
import { redirectCall } from "@/server/calls/redirect-call";
import { updateCall } from "@/server/calls/update-call";
import { db } from "@/server/db";
import { enqueueCall } from "@/server/queues/enqueue-call";
import { newSid } from "@/server/shared/ids";
import { createVoiceTenant } from "@/test/call-fixtures";
import { paramsOf, twiml, useCallControlStage } from "./call-control-stage";
import { placeCall, waitFor, waitForFinalCall } from "./test-harness";

const stage = useCallControlStage({ switchId: "fs-queue-sim" });
const { routes, seen, executed, requestsTo, spokenOn } = stage;

describe("queues on the simulator", () => {
  it("two callers wait in line: the waitUrl runs in a loop with the queue's facts; <Leave> reaches the action with QueueResult and QueueTime", async () => {
    // Each caller's waitUrl is asked at least three times, and nobody leaves before both have waited (so the second
    // is seen behind the first however slow the machine); then the next answer takes the caller out.
    const othersWaited = (callId: string) => stage.app.received.some((r) => r.url.startsWith("/wait") && paramsOf(r.body).CallSid !== callId);
    routes.set("/wait", (p) => (Number(p.QueueTime) >= 0 && requestsTo("/wait", p.CallSid!).length >= 3 && othersWaited(p.CallSid!) ? twiml("<Leave/>") : twiml('<Say>Please hold</Say><Pause length="1"/>')));
    routes.set("/after", () => twiml("<Say>Out of the queue</Say><Hangup/>"));
    routes.set("/enqueue", () => twiml('<Enqueue waitUrl="/wait" action="/after">support</Enqueue><Say>never</Say>'));
    const voice = await createVoiceTenant();
    const first = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/enqueue") });
    await waitFor("the first caller queued", () => db.queueMember.findUnique({ where: { callId: first.id } }));
    const second = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/enqueue") });

    for (const call of [first, second]) expect((await waitForFinalCall(call.id, 30_000)).status).toBe("COMPLETED");
    const queue = await db.callQueue.findUniqueOrThrow({ where: { tenantId_friendlyName: { tenantId: voice.tenant.id, friendlyName: "support" } } });
    expect(queue).toMatchObject({ maxSize: 100, membersLeft: 2 });
    expect(queue.id).toMatch(/^QU[0-9a-f]{32}$/);

    const firstWaits = requestsTo("/wait", first.id);
    expect(firstWaits.length).toBeGreaterThanOrEqual(3);
    expect(firstWaits[0]).toMatchObject({ QueueSid: queue.id, QueuePosition: "1", CurrentQueueSize: "1", MaxQueueSize: "100", AvgQueueTime: "0", QueueTime: "0", AccountSid: voice.tenant.accountSid });
    // The second caller is behind the first while the first waits.
    expect(requestsTo("/wait", second.id)[0]).toMatchObject({ QueueSid: queue.id, QueuePosition: "2", CurrentQueueSize: "2" });
    for (const call of [first, second]) {
      const [after] = requestsTo("/after", call.id);
      expect(after).toMatchObject({ QueueResult: "leave", QueueSid: queue.id, CallStatus: "in-progress" });
      expect(Number(after!.QueueTime)).toBeGreaterThanOrEqual(0);
      const waits = requestsTo("/wait", call.id).length;
      expect(spokenOn(call.id)).toEqual([...Array<string>(waits - 1).fill("Please hold"), "Out of the queue"]);
    }
    expect(await db.queueMember.count({ where: { queueId: queue.id } })).toBe(0);
  });

  it("without a waitUrl the caller hears the music on hold until a live redirect takes it out (redirected); the new document runs", async () => {
    routes.set("/moh", () => twiml('<Enqueue action="/moh-after">sales</Enqueue>'));
    routes.set("/moh-after", () => twiml("<Say>never run</Say>"));
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/moh") });
    await waitFor("the music on hold", async () => seen.some((e) => e.name === "PLAYBACK_START" && e.variable("irisx_call_id") === call.id && e.get("Playback-File-Path") === "local_stream://moh") || null);
    // It plays on (the switch's stream never ends by itself).
    await new Promise((r) => setTimeout(r, 500));
    expect(executed(call.id, "playback")).toEqual([]);
    expect(await db.queueMember.findUnique({ where: { callId: call.id } })).not.toBeNull();
    await redirectCall(voice.actor, { callId: call.id, instructions: [{ say: "Redirected" }, { hangup: true }] });
    expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
    expect(spokenOn(call.id)).toEqual(["Redirected"]);
    expect(executed(call.id, "playback")).toEqual(["local_stream://moh"]);
    const [after] = await waitFor("the action told", async () => (requestsTo("/moh-after", call.id).length ? requestsTo("/moh-after", call.id) : null));
    expect(after).toMatchObject({ QueueResult: "redirected" });
    expect(after!.QueueSid).toMatch(/^QU/);
    expect(await db.queueMember.findUnique({ where: { callId: call.id } })).toBeNull();
  });

  it("a full queue refuses the next caller (queue-full, JSON form); a caller who hangs up leaves it and the action hears hangup", async () => {
    const voice = await createVoiceTenant();
    const instructions = [{ enqueue: "tiny", maxQueueSize: 1, action: stage.app.url("/full-after") }, { say: "Next verb" }];
    routes.set("/full-after", (p) => (p.QueueResult === "queue-full" ? twiml("<Say>The queue is full</Say><Hangup/>") : twiml("")));
    const waiting = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions });
    await waitFor("the first caller queued", () => db.queueMember.findUnique({ where: { callId: waiting.id } }));
    const refused = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions });
    expect((await waitForFinalCall(refused.id)).status).toBe("COMPLETED");
    expect(requestsTo("/full-after", refused.id)).toEqual([expect.objectContaining({ QueueResult: "queue-full", QueueTime: "0" })]);
    expect(spokenOn(refused.id)).toEqual(["The queue is full"]);
    const entry = await db.callEvent.findFirst({ where: { callId: refused.id, type: "debugger.error" } });
    expect(entry?.data).toMatchObject({ code: 12400, message: "queue tiny is full: the call was not added" });

    await updateCall(voice.actor, { callId: waiting.id, status: "completed" });
    expect((await waitForFinalCall(waiting.id)).status).toBe("COMPLETED");
    const [told] = await waitFor("the action told of the hang-up", async () => (requestsTo("/full-after", waiting.id).length ? requestsTo("/full-after", waiting.id) : null));
    expect(told).toMatchObject({ QueueResult: "hangup", CallStatus: "completed" });
    expect(told!.QueueSid).toMatch(/^QU/);
    expect(await db.queueMember.count({ where: { tenantId: voice.tenant.id } })).toBe(0);
  });

  it("a caller left in line by a worker that died (the call ended, the member stayed) is taken out by reconcile", async () => {
    const voice = await createVoiceTenant();
    const ended = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ hangup: true }] });
    await waitForFinalCall(ended.id);
    const enqueued = await enqueueCall({ tenantId: voice.tenant.id, callId: ended.id, friendlyName: "orphans", maxSize: 10 });
    expect(enqueued.ok).toBe(true);
    // The call ended two minutes after it was put in line, longer ago than the grace the live worker has.
    const endedAt = new Date(Date.now() - 60_000);
    await db.queueMember.update({ where: { callId: ended.id }, data: { enqueuedAt: new Date(endedAt.getTime() - 120_000) } });
    await db.call.update({ where: { id: ended.id }, data: { endedAt } });
    await stage.worker.reconcileNow();
    expect(await db.queueMember.findUnique({ where: { callId: ended.id } })).toBeNull();
    const queue = await db.callQueue.findUniqueOrThrow({ where: { tenantId_friendlyName: { tenantId: voice.tenant.id, friendlyName: "orphans" } } });
    expect(queue).toMatchObject({ membersLeft: 1, waitSecondsTotal: 120 });
  });

  it("<Dial><Queue> takes the caller at the front: its url runs on that caller, the two are bridged, the dial is completed and the caller's action hears bridged", async () => {
    routes.set("/dq-enqueue", () => twiml('<Enqueue action="/dq-after">desk</Enqueue>'));
    routes.set("/dq-after", () => twiml(""));
    routes.set("/dq-agent", () => twiml('<Dial action="/dq-dialed"><Queue url="/dq-url">desk</Queue></Dial>'));
    routes.set("/dq-url", () => twiml("<Say>You are now connected</Say>"));
    routes.set("/dq-dialed", () => twiml("<Say>Next caller</Say><Hangup/>"));
    const voice = await createVoiceTenant();
    // The queued caller hangs up a simulated minute after its answer; the agent stays until its document ends.
    const caller = await placeCall(voice.actor, { to: "+15005550160", from: voice.number.e164, url: stage.app.url("/dq-enqueue") });
    await waitFor("the caller queued", () => db.queueMember.findUnique({ where: { callId: caller.id } }));
    const agent = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/dq-agent") });
    expect((await waitForFinalCall(caller.id, 30_000)).status).toBe("COMPLETED");
    expect((await waitForFinalCall(agent.id, 30_000)).status).toBe("COMPLETED");
    const queue = await db.callQueue.findUniqueOrThrow({ where: { tenantId_friendlyName: { tenantId: voice.tenant.id, friendlyName: "desk" } } });
    const [asked] = requestsTo("/dq-url", caller.id);
    expect(asked).toMatchObject({ QueueSid: queue.id, DequeingCallSid: agent.id });
    expect(Number(asked!.QueueTime)).toBeGreaterThanOrEqual(0);
    expect(spokenOn(caller.id)).toEqual(["You are now connected"]);
    expect(executed(caller.id, "playback")).toEqual(["local_stream://moh"]);
    const bridge = seen.find((e) => e.name === "CHANNEL_BRIDGE" && e.variable("irisx_call_id") === agent.id);
    expect(bridge?.get("Bridge-B-Unique-ID")).toBe((await db.call.findUniqueOrThrow({ where: { id: caller.id } })).channelUuid);
    expect(requestsTo("/dq-dialed", agent.id)).toEqual([expect.objectContaining({ DialCallStatus: "completed", DialCallSid: caller.id, DialBridged: "true" })]);
    expect(spokenOn(agent.id)).toEqual(["Next caller"]);
    const after = await waitFor("the caller's action told", async () => requestsTo("/dq-after", caller.id)[0] ?? null);
    expect(after).toMatchObject({ QueueResult: "bridged", QueueSid: queue.id });
    expect(await db.queueMember.count({ where: { queueId: queue.id } })).toBe(0);
    expect(queue.membersLeft).toBe(1);
  });

  it("<Dial><Queue> on an empty queue waits for a caller until its timeout (no-answer); a queue the account does not have fails the dial", async () => {
    const voice = await createVoiceTenant();
    await db.callQueue.create({ data: { id: newSid("QU"), tenantId: voice.tenant.id, friendlyName: "quiet", maxSize: 100 } });
    routes.set("/dq-empty", () => twiml('<Dial timeout="2" action="/dq-empty-done"><Queue>quiet</Queue></Dial><Say>never</Say>'));
    routes.set("/dq-empty-done", (p) => twiml(`<Say>${p.DialCallStatus}</Say><Dial action="/dq-none-done"><Queue>no-such-queue</Queue></Dial>`));
    routes.set("/dq-none-done", (p) => twiml(`<Say>${p.DialCallStatus}</Say><Hangup/>`));
    const agent = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/dq-empty") });
    expect((await waitForFinalCall(agent.id, 30_000)).status).toBe("COMPLETED");
    expect(spokenOn(agent.id)).toEqual(["no-answer", "failed"]);
    const debuggerEntries = await db.callEvent.findMany({ where: { callId: agent.id, type: "debugger.error" } });
    expect(debuggerEntries.map((e) => (e.data as { message?: string }).message)).toEqual([expect.stringContaining("no queue of that name")]);
  });
});
