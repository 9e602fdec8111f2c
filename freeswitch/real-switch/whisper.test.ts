// A dialled leg's own document on a real FreeSWITCH (the simulator's twins are in worker/worker-call-control.test.ts):
// <Number url> runs on the called party after it answers and before the bridge, held by the originate's per-leg
// confirmation (group_confirm_key=exec with a `sleep` the worker breaks: worker/call-control/whisper.ts).
//   - a whisper: the leg hears it, then is bridged to the caller (the switch's own CHANNEL_BRIDGE comes after);
//   - a screening declined by the leg's <Hangup>: no bridge, the dial's action hears no-answer, the caller's
//     document goes on;
//   - machineDetection on the leg: mod_avmd and the tailed recording run on the held leg, and its whisper is asked
//     with the verdict (a person of the labelled set answers: human).
import { expect, it } from "vitest";
import { labelledAmdSet } from "@/test/amd/labelled-set";
import { describeRealSwitch, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";

describeRealSwitch("a dialled leg's whisper on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_BRIDGE", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"]);
  const { routes, callIn } = stage;
  const spokenOn = (uuid: string | null) =>
    stage.tap.events.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.uniqueId === uuid && e.get("Application") === "speak").map((e) => (e.get("Application-Data") ?? "").split("|")[2] ?? "");

  it("the called party hears its whisper, then is bridged to the caller", async () => {
    routes.set("/w-dial", twiml('<Dial action="/w-done"><Number url="/w-whisper">+15005550108</Number></Dial>'));
    routes.set("/w-whisper", twiml("<Say>A call from the sales line</Say>"));
    routes.set("/w-done", twiml("<Hangup/>"));
    const { run, call, db } = await callIn("/w-dial", "+14155550193");
    expect(await run.exited).toBe(0);
    expect((await waitForFinal(stage.tenant, call.id, 30_000)).status).toBe("completed");
    const leg = await db.call.findFirstOrThrow({ where: { parentCallId: call.id } });
    const parent = await db.call.findUniqueOrThrow({ where: { id: call.id } });
    const whisper = stage.posted("/w-whisper", leg.id);
    expect(whisper).toMatchObject({ ParentCallSid: call.id, Direction: "outbound-dial", To: "+15005550108" });
    expect(spokenOn(leg.channelUuid)).toEqual(["A call from the sales line"]);
    expect(spokenOn(parent.channelUuid)).toEqual([]);
    const seen = stage.tap.events.map((e) => `${e.name}:${e.uniqueId}:${e.get("Application") ?? ""}`);
    const spoke = seen.indexOf(`CHANNEL_EXECUTE_COMPLETE:${leg.channelUuid}:speak`);
    const bridged = seen.findIndex((s) => s.startsWith("CHANNEL_BRIDGE:"));
    expect(spoke).toBeGreaterThanOrEqual(0);
    expect(bridged).toBeGreaterThan(spoke);
    const done = stage.posted("/w-done", call.id);
    expect(done).toMatchObject({ DialCallStatus: "completed", DialBridged: "true", DialCallSid: leg.id });
  });

  it("a screening the called party declines: no bridge, the dial is no-answer and the caller's document goes on", async () => {
    routes.set("/s-dial", twiml('<Dial action="/s-done" timeout="20"><Number url="/s-screen">+15005550100</Number></Dial>'));
    routes.set("/s-screen", twiml('<Gather numDigits="1" timeout="1"><Say>Press 1 to take the call</Say></Gather><Hangup/>'));
    routes.set("/s-done", twiml("<Say>Nobody took it</Say><Hangup/>"));
    const { run, call, db } = await callIn("/s-dial", "+14155550194");
    expect(await run.exited).toBe(0);
    expect((await waitForFinal(stage.tenant, call.id, 30_000)).status).toBe("completed");
    const leg = await db.call.findFirstOrThrow({ where: { parentCallId: call.id } });
    const parent = await db.call.findUniqueOrThrow({ where: { id: call.id } });
    expect(spokenOn(leg.channelUuid)).toEqual(["Press 1 to take the call"]);
    expect(spokenOn(parent.channelUuid)).toEqual(["Nobody took it"]);
    expect(stage.tap.events.some((e) => e.name === "CHANNEL_BRIDGE" && (e.uniqueId === parent.channelUuid || e.uniqueId === leg.channelUuid))).toBe(false);
    const done = stage.posted("/s-done", call.id);
    expect(done).toMatchObject({ DialCallStatus: "no-answer", DialBridged: "false" });
  });

  it("machineDetection on the leg: the held leg's verdict comes first, and its whisper is asked with AnsweredBy", async () => {
    const set = labelledAmdSet();
    const person = set.findIndex((s) => s.kind === "human");
    const number = `+15005558${String(person).padStart(3, "0")}`;
    routes.set("/m-dial", twiml(`<Dial action="/m-done"><Number machineDetection="Enable" url="/m-whisper">${number}</Number></Dial>`));
    routes.set("/m-whisper", twiml("<Say>Screened</Say>"));
    routes.set("/m-done", twiml("<Hangup/>"));
    const { run, call, db } = await callIn("/m-dial", "+14155550195");
    expect(await run.exited).toBe(0);
    expect((await waitForFinal(stage.tenant, call.id, 40_000)).status).toBe("completed");
    const leg = await waitFor("the leg's end", () => db.call.findFirst({ where: { parentCallId: call.id, status: { in: ["COMPLETED", "NO_ANSWER", "FAILED"] } } }));
    expect(leg.answeredBy).toBe("human");
    const whisper = stage.posted("/m-whisper", leg.id);
    expect(whisper).toMatchObject({ AnsweredBy: "human", ParentCallSid: call.id });
    expect(stage.tap.executed(leg.id).map((a) => a.app)).toEqual(expect.arrayContaining(["avmd_start", "speak"]));
  });
});
