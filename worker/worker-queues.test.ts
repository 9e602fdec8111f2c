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
});
