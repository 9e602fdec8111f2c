// <Dial answerOnBridge="true"> on the simulator (the same is proven on the real switch by
// freeswitch/real-switch/answer-on-bridge.test.ts): an inbound call runs its document before it is answered; the
// dial's bridge answers it when the called party answers, so the caller stays ringing (and unbilled) until then.
// Without answerOnBridge, or when nobody answers and the document goes on, the first verb that needs the call up
// answers it.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createVoiceTenant } from "@/test/call-fixtures";
import { twiml, useCallControlStage } from "./call-control-stage";
import { waitFor, waitForFinalCall } from "./test-harness";

const stage = useCallControlStage({ switchId: "fs-aob-sim" });
const { routes, seen } = stage;

const eventsOf = (uuid: string, name: string) => seen.filter((e) => e.name === name && e.get("Unique-ID") === uuid);
const appsOn = (uuid: string) => seen.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.get("Unique-ID") === uuid).map((e) => e.get("Application"));

describe("answerOnBridge on the simulator", () => {
  it("the caller rings until the called party answers; the bridge answers it, and its answer time is the called party's", async () => {
    routes.set("/aob", twiml('<Dial answerOnBridge="true"><Number>+15005550105</Number></Dial>'));
    const voice = await createVoiceTenant({ voiceUrl: stage.app.url("/aob") });
    const uuid = stage.sim.switch.injectInbound({ from: "+14155550191", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    const ended = await waitForFinalCall(call.id, 20_000);
    expect(ended.status).toBe("COMPLETED");
    expect(appsOn(uuid)).not.toContain("answer");
    const child = await db.call.findFirstOrThrow({ where: { parentCallId: call.id } });
    // In the switch's order: the caller rang (ring_ready), the called party answered, then the caller was answered.
    const order = seen.map((e) => `${e.name}:${e.get("Unique-ID")}`);
    const callerRang = order.indexOf(`CHANNEL_PROGRESS:${uuid}`);
    const calledAnswered = order.indexOf(`CHANNEL_ANSWER:${child.channelUuid}`);
    const callerAnswered = order.indexOf(`CHANNEL_ANSWER:${uuid}`);
    expect(callerRang).toBeGreaterThanOrEqual(0);
    expect(calledAnswered).toBeGreaterThan(callerRang);
    expect(callerAnswered).toBeGreaterThan(calledAnswered);
    expect(ended.answeredAt!.getTime()).toBeGreaterThanOrEqual(child.answeredAt!.getTime());
    // The caller's timeline: ringing until bridged.
    const timeline = await db.callEvent.findMany({ where: { callId: call.id }, orderBy: { sequence: "asc" } });
    expect(timeline.map((e) => e.type).slice(0, 2)).toEqual(["ringing", "answered"]);
    expect(eventsOf(uuid, "CHANNEL_ANSWER")).toHaveLength(1);
  });

  it("nobody answers: the document goes on and its <Say> answers the call; without answerOnBridge the dial answers first", async () => {
    routes.set("/aob-busy", twiml('<Dial answerOnBridge="true"><Number>+15005550200</Number></Dial><Say>Nobody is free</Say>'));
    const voice = await createVoiceTenant({ voiceUrl: stage.app.url("/aob-busy") });
    const uuid = stage.sim.switch.injectInbound({ from: "+14155550192", to: voice.number.e164 }).uuid;
    const call = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: uuid } }));
    expect((await waitForFinalCall(call.id, 20_000)).status).toBe("COMPLETED");
    const apps = appsOn(uuid);
    expect(apps.indexOf("answer")).toBeGreaterThan(apps.indexOf("bridge"));
    expect(apps.indexOf("speak")).toBeGreaterThan(apps.indexOf("answer"));

    routes.set("/plain", twiml("<Dial><Number>+15005550105</Number></Dial>"));
    const other = await createVoiceTenant({ voiceUrl: stage.app.url("/plain") });
    const plain = stage.sim.switch.injectInbound({ from: "+14155550193", to: other.number.e164 }).uuid;
    const plainCall = await waitFor("the call", () => db.call.findUnique({ where: { channelUuid: plain } }));
    expect((await waitForFinalCall(plainCall.id, 20_000)).status).toBe("COMPLETED");
    const plainApps = appsOn(plain);
    expect(plainApps.indexOf("answer")).toBeGreaterThanOrEqual(0);
    expect(plainApps.indexOf("answer")).toBeLessThan(plainApps.indexOf("bridge"));
  });
});
