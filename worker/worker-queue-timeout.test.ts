// A worker whose switch is gone still ends queued calls past their queue timeout: `failed` with QUEUE_TIMEOUT,
// its callback sent, never dialled when the switch comes back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createVoiceTenant } from "@/test/call-fixtures";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { env } from "@/env";
import type { Simulator } from "../freeswitch/simulator/index";
import type { RunningWorker } from "./start-worker";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitFor, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  await useTempRecordingDirs();
  receiver = await startWebhookReceiver(() => ({ status: 204 }));
  sim = await startTestSimulator();
  worker = await startTestWorker(sim);
});

afterAll(async () => {
  await worker?.stop(2_000);
  await sim?.close();
  await receiver?.close();
});

describe("queue timeout with the switch down", () => {
  it("a call queued while the link is down fails with QUEUE_TIMEOUT, callback sent, and is not dialled when the switch returns", async () => {
    const eslPort = sim.eslPort;
    await sim.close();
    await waitFor("the link down", async () => worker.context.esl.linkState !== "up");

    const voice = await createVoiceTenant();
    const placed = await placeCall(voice.actor, {
      to: "+15005550100",
      from: voice.number.e164,
      instructions: [{ say: "too late" }],
      statusCallback: receiver.url("/status"),
      queueTimeout: 1,
    });
    const ended = await waitForFinalCall(placed.id, 10_000);
    expect(worker.context.esl.linkState).not.toBe("up");
    expect(ended).toMatchObject({ status: "FAILED", hangupCause: "QUEUE_TIMEOUT", switchId: null, channelUuid: null, initiatedAt: null, billsec: 0 });
    expect(ended.callRecord).toMatchObject({ status: "FAILED", billsec: 0, costMicros: 0n });
    expect(ended.events.map((e) => e.type)).toEqual(["queued", "completed"]);
    expect(worker.health().body.handlers).toMatchObject({ "queue-expiry": { expired: 1 } });
    const callback = await waitFor("the completed callback", async () => receiver.received.find((r) => r.url === "/status"));
    expect(JSON.parse(callback.body)).toMatchObject({ event: "call.completed", call: { id: placed.id, status: "failed", hangup_cause: "QUEUE_TIMEOUT" } });

    // The switch comes back on the same port: the worker reconnects and the expired call stays undialled.
    sim = await startTestSimulator({ eslPort });
    await waitFor("the link up again", async () => worker.context.esl.linkState === "up");
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.channels.size).toBe(0);
    expect(await db.call.findUniqueOrThrow({ where: { id: placed.id } })).toMatchObject({ status: "FAILED", switchId: null });
    expect(await db.callRecord.count({ where: { callId: placed.id } })).toBe(1);
  });
});
