// <Dial answerOnBridge="true"> on a real FreeSWITCH (the simulator's twin is worker/worker-answer-on-bridge.test.ts):
// an inbound call from a SIPp caller runs its document before it is answered (ring_ready: the caller gets 180);
//   - answerOnBridge: the bridge answers the caller when the called party answers (the switch's own order of
//     CHANNEL_ANSWER events), no `answer` application runs, and the call is ringing until then;
//   - the called party busy: the document goes on and its <Say> answers the call first.
import { expect, it } from "vitest";
import { describeRealSwitch, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";

describeRealSwitch("answerOnBridge on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_ANSWER", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA"]);
  const { routes, callIn } = stage;
  const order = () => stage.tap.events.map((e) => `${e.name}:${e.get("Unique-ID")}`);

  it("the caller rings until the called party answers; the bridge answers it and the call is ringing until then", async () => {
    routes.set("/aob", twiml('<Dial answerOnBridge="true"><Number>+15005550104</Number></Dial>'));
    const { run, call, db } = await callIn("/aob", "+14155550191");
    expect(await run.exited).toBe(0);
    expect((await waitForFinal(stage.tenant, call.id, 30_000)).status).toBe("completed");
    const child = await db.call.findFirstOrThrow({ where: { parentCallId: call.id } });
    const parent = await db.call.findUniqueOrThrow({ where: { id: call.id } });
    const seen = order();
    const callerRang = seen.indexOf(`CHANNEL_PROGRESS:${parent.channelUuid}`);
    const calledAnswered = seen.indexOf(`CHANNEL_ANSWER:${child.channelUuid}`);
    const callerAnswered = seen.indexOf(`CHANNEL_ANSWER:${parent.channelUuid}`);
    expect(callerRang).toBeGreaterThanOrEqual(0);
    expect(calledAnswered).toBeGreaterThan(callerRang);
    expect(callerAnswered).toBeGreaterThan(calledAnswered);
    expect(stage.tap.executed(call.id).filter((a) => a.app === "answer")).toEqual([]);
    expect(parent.answeredAt!.getTime()).toBeGreaterThanOrEqual(child.answeredAt!.getTime() - 1000);
    const timeline = await db.callEvent.findMany({ where: { callId: call.id }, orderBy: { sequence: "asc" } });
    expect(timeline.map((e) => e.type).slice(0, 2)).toEqual(["ringing", "answered"]);
  });

  it("the called party busy: the document goes on, and its <Say> answers the call", async () => {
    routes.set("/aob-busy", twiml('<Dial answerOnBridge="true"><Number>+15005550200</Number></Dial><Say>Nobody is free</Say><Hangup/>'));
    const { run, call } = await callIn("/aob-busy", "+14155550192");
    expect(await run.exited).toBe(0);
    expect((await waitForFinal(stage.tenant, call.id, 30_000)).status).toBe("completed");
    const apps = stage.tap.executed(call.id).map((a) => a.app);
    expect(apps.indexOf("bridge")).toBeGreaterThanOrEqual(0);
    expect(apps.indexOf("answer")).toBeGreaterThan(apps.indexOf("bridge"));
    expect(apps.indexOf("speak")).toBeGreaterThan(apps.indexOf("answer"));
  });
});
