// Outbound call outcomes end to end: the real use-cases and database, the switch simulator over a real event
// socket, and the worker in-process. Each outcome ends with the right status, hangup cause, SIP status, one
// CallRecord with its cost, the timeline and the status callbacks.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db";
import { rateCall, DEFAULT_PRICE_PLAN } from "@/server/billing/price-plan";
import { updateCall } from "@/server/calls/update-call";
import { createVoiceTenant, insertQueuedCalls } from "@/test/call-fixtures";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import type { Simulator } from "../freeswitch/simulator/index";
import { parseEventPlain, serializeEventPlain } from "./esl/wire";
import type { RunningWorker } from "./start-worker";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let voice: Awaited<ReturnType<typeof createVoiceTenant>>;

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  await useTempRecordingDirs();
  receiver = await startWebhookReceiver(() => ({ status: 204 }));
  sim = await startTestSimulator({ timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
  worker = await startTestWorker(sim);
  voice = await createVoiceTenant({ callsPerSecond: 50, maxConcurrentCalls: 50, creditMicros: 100_000_000n });
});

afterAll(async () => {
  await worker?.stop(5_000);
  await sim?.close();
  await receiver?.close();
});

async function call(to: string, extra: Record<string, unknown> = {}) {
  return placeCall(voice.actor, {
    to,
    from: voice.number.e164,
    instructions: [{ pause: 1 }],
    statusCallback: receiver.url(`/cb/${to}`),
    statusCallbackEvents: ["initiated", "ringing", "answered", "completed"],
    ...extra,
  });
}

describe("outbound call outcomes", () => {
  it("answered, then the far end hangs up: completed, NORMAL_CLEARING, billed", async () => {
    const placed = await call("+15005550105", { instructions: [{ say: "hello" }] });
    const ended = await waitForFinalCall(placed.id);
    expect(ended.status).toBe("COMPLETED");
    expect(ended.hangupCause).toBe("NORMAL_CLEARING");
    expect(ended.answeredAt).not.toBeNull();
    const record = ended.callRecord!;
    expect(record.status).toBe("COMPLETED");
    expect(await db.callRecord.count({ where: { callId: placed.id } })).toBe(1);
    const rating = rateCall(DEFAULT_PRICE_PLAN, "OUTBOUND_API", record.billsec);
    expect(record.costMicros).toBe(rating.costMicros);
    expect(ended.events.map((e) => e.type)).toEqual(expect.arrayContaining(["queued", "initiated", "ringing", "answered", "completed"]));
    await waitFor("four callbacks sent", async () => (await db.callbackDelivery.count({ where: { callId: placed.id, status: "SUCCEEDED" } })) === 4);
    expect(await db.webhookEvent.count({ where: { tenantId: voice.tenant.id, type: "call.completed" } })).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ["+15005550200", "BUSY", "USER_BUSY", 486],
    ["+15005550400", "BUSY", "CALL_REJECTED", 603],
    ["+15005550404", "FAILED", "UNALLOCATED_NUMBER", 404],
    ["+15005550500", "FAILED", "NORMAL_TEMPORARY_FAILURE", 503],
  ])("%s ends %s with %s / SIP %i and costs nothing", async (to, status, cause, sip) => {
    const placed = await call(to);
    const ended = await waitForFinalCall(placed.id);
    expect(ended.status).toBe(status);
    expect(ended.hangupCause).toBe(cause);
    expect(ended.sipStatus).toBe(sip);
    expect(ended.callRecord!.costMicros).toBe(0n);
    expect(ended.answeredAt).toBeNull();
  });

  it("digits the callee presses become dtmf events on the timeline", async () => {
    const placed = await call("+15005557123", { instructions: [{ pause: 30 }] });
    await waitFor("four digits", async () => (await db.callEvent.count({ where: { callId: placed.id, type: "dtmf" } })) === 4);
    const digits = (await db.callEvent.findMany({ where: { callId: placed.id, type: "dtmf" }, orderBy: { sequence: "asc" } })).map((e) => (e.data as { digit: string }).digit);
    expect(digits).toEqual(["1", "2", "3", "#"]);
    const ended = await waitForFinalCall(placed.id);
    expect(ended.status).toBe("COMPLETED");
  });

  it("an answering machine's beep (avmd::beep) is kept as answeredBy machine_end_beep", async () => {
    // avmd runs only where answering-machine detection starts it (a later issue); the beep event is fed in here.
    const placed = await call("+15005550100", { instructions: [{ pause: 30 }] });
    await waitFor("answered", async () => (await db.call.findUnique({ where: { id: placed.id } }))?.status === "IN_PROGRESS");
    const uuid = (await db.call.findUniqueOrThrow({ where: { id: placed.id } })).channelUuid!;
    const frame = serializeEventPlain([["Event-Subclass", "avmd::beep"], ["Event-Name", "CUSTOM"], ["Event-Date-Timestamp", String(Date.now() * 1000)], ["Unique-ID", uuid], ["Beep-Status", "DETECTED"]]);
    worker.injectEvent(parseEventPlain(frame.subarray(frame.indexOf("\n\n") + 2)));
    await waitFor("machine_detected", async () => (await db.callEvent.count({ where: { callId: placed.id, type: "machine_detected" } })) === 1);
    await updateCall(voice.actor, { callId: placed.id, status: "completed" });
    const ended = await waitForFinalCall(placed.id);
    expect(ended.status).toBe("COMPLETED");
    expect(ended.callRecord!.answeredBy).toBe("machine_end_beep");
    expect(ended.events.map((e) => e.type)).toContain("machine_detected");
  });

  it("a time limit hangs the call up with ALLOTTED_TIMEOUT", async () => {
    const placed = await call("+15005550100", { instructions: [{ pause: 60 }], timeLimit: 1 });
    const ended = await waitForFinalCall(placed.id);
    expect(ended.status).toBe("COMPLETED");
    expect(ended.hangupCause).toBe("ALLOTTED_TIMEOUT");
  });

  it("a channel on the switch carrying the id of a call that already ended is killed by reconcile", async () => {
    const done = await call("+15005550200");
    await waitForFinalCall(done.id);
    const uuid = randomUUID();
    await worker.context.esl.bgapi(`originate {origination_uuid=${uuid},irisx_call_id=${done.id}}sofia/gateway/default/+15005550100 &park()`, { jobUuid: uuid, timeoutMs: 5_000 });
    expect(sim.channels.has(uuid)).toBe(true);
    await worker.reconcileNow();
    await waitFor("the stray channel killed", async () => !sim.channels.has(uuid));
    expect(await db.callRecord.count({ where: { callId: done.id } })).toBe(1);
  });

  it("a channel whose call is live in the database but began after reconcile read it (an inbound call being set up) is left up", async () => {
    // Live, and not in this switch's snapshot: what reconcile sees of a call whose row was written between its two reads.
    const [liveId] = await insertQueuedCalls(voice.tenant.id, voice.number.e164, 1, { status: "RINGING", switchId: "fs-elsewhere" });
    const uuid = randomUUID();
    await worker.context.esl.bgapi(`originate {origination_uuid=${uuid},irisx_call_id=${liveId}}sofia/gateway/default/+15005550100 &park()`, { jobUuid: uuid, timeoutMs: 5_000 });
    await worker.reconcileNow();
    await worker.reconcileNow();
    expect(sim.channels.has(uuid)).toBe(true);
    await worker.context.esl.api(`uuid_kill ${uuid}`);
  });

  it("rings until the timeout: no-answer", async () => {
    const placed = await call("+15005550300", { timeout: 2 });
    const ended = await waitForFinalCall(placed.id, 15_000);
    expect(ended.status).toBe("NO_ANSWER");
    expect(ended.hangupCause).toBe("NO_ANSWER");
  });

  it("canceled through the API while ringing", async () => {
    const placed = await call("+15005550300", { timeout: 60 });
    await waitFor("ringing", async () => (await db.call.findUnique({ where: { id: placed.id } }))?.status === "RINGING");
    await updateCall(voice.actor, { callId: placed.id, status: "canceled" });
    const ended = await waitForFinalCall(placed.id);
    expect(ended.status).toBe("CANCELED");
    expect(ended.hangupCause).toBe("ORIGINATOR_CANCEL");
    expect(ended.callRecord!.costMicros).toBe(0n);
  });

  it("hung up through the API while in progress: completed and billed", async () => {
    const placed = await call("+15005550100", { instructions: [{ pause: 60 }] });
    await waitFor("answered", async () => (await db.call.findUnique({ where: { id: placed.id } }))?.status === "IN_PROGRESS");
    await new Promise((r) => setTimeout(r, 1100));
    await updateCall(voice.actor, { callId: placed.id, status: "completed" });
    const ended = await waitForFinalCall(placed.id);
    expect(ended.status).toBe("COMPLETED");
    expect(ended.hangupCause).toBe("NORMAL_CLEARING");
    expect(ended.callRecord!.billsec).toBeGreaterThanOrEqual(1);
    expect(ended.callRecord!.costMicros).toBeGreaterThan(0n);
  });
});
