import { describe, expect, it } from "vitest";
import { answer, CALL_PARAMS, startJson, startTwiml } from "../test-session";

describe("start, stop and connect", () => {
  it("start and stop run beside the call: the next verb starts at once", () => {
    const d = startTwiml(`<Response>
      <Start><Stream name="ai" url="wss://example.com/audio" track="both_tracks"><Parameter name="tenant" value="acme"/></Stream></Start>
      <Start><Recording name="r1" channels="dual" recordingStatusCallback="/rec"/></Start>
      <Stop><Stream name="ai"/></Stop>
      <Stop><Recording/></Stop>
      <Say>Recording</Say>
    </Response>`);
    expect(d.commands).toEqual([
      { kind: "startStream", stream: { url: "wss://example.com/audio", name: "ai", parameters: { tenant: "acme" }, statusCallback: null }, track: "both_tracks" },
      { kind: "startRecording", name: "r1", dualChannel: true, track: "both", trimSilence: false, statusCallback: { url: "https://app.example.com/rec", method: "POST", events: ["completed"] } },
      { kind: "stopStream", name: "ai" },
      { kind: "stopRecording", name: null },
      { kind: "speak", text: "Recording", voice: null, language: "en-US", loop: 1 },
    ]);
  });

  it("connect holds the call on the stream until it ends, then asks the action or goes on", () => {
    let d = startJson([{ connect: { stream: "wss://example.com/bot" }, action: "/bot-done" }]);
    expect(d.commands).toEqual([{ kind: "connectStream", stream: { url: "wss://example.com/bot", name: null, parameters: {}, statusCallback: null } }]);
    d = answer(d, { kind: "streamEnded" });
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/bot-done", method: "POST", params: CALL_PARAMS }]);
    const on = answer(startTwiml('<Response><Connect><Stream url="wss://example.com/s"/></Connect><Say>after</Say></Response>'), { kind: "streamEnded" });
    expect(on.commands).toEqual([{ kind: "speak", text: "after", voice: null, language: "en-US", loop: 1 }]);
  });
  it("a stream that could not connect is reported with its code and the document goes on; the caller hanging up ends it", () => {
    const d = startJson([{ connect: { stream: "wss://example.com/bot", statusCallback: "/events", statusCallbackMethod: "GET" }, action: "/done" }, { say: "sorry" }]);
    expect(d.commands).toEqual([{ kind: "connectStream", stream: { url: "wss://example.com/bot", name: null, parameters: {}, statusCallback: { url: "https://app.example.com/events", method: "GET" } } }]);
    const failed = answer(d, { kind: "failed", code: 31920, message: "answered HTTP 404" });
    expect(failed.commands).toEqual([
      { kind: "reportError", code: 31920, message: "answered HTTP 404", verbIndex: 0 },
      { kind: "speak", text: "sorry", voice: null, language: "en-US", loop: 1 },
    ]);
    // A hang-up during the stream: nothing more runs and the action is not asked for a document.
    const hungUp = answer(d, { kind: "hangup" });
    expect(hungUp.commands.filter((c) => c.kind !== "notify")).toEqual([]);
    expect(hungUp.state.awaiting.kind).toBe("ended");
  });

  it("the JSON form: start a stream of both tracks with parameters, stop it by name", () => {
    const d = startJson([
      { start: { stream: "wss://example.com/listen", name: "l1", track: "both_tracks", parameters: { agent: "7" } } },
      { stop: { stream: true, name: "l1" } },
      { stop: { stream: true } },
    ]);
    expect(d.commands).toEqual([
      { kind: "startStream", stream: { url: "wss://example.com/listen", name: "l1", parameters: { agent: "7" }, statusCallback: null }, track: "both_tracks" },
      { kind: "stopStream", name: "l1" },
      { kind: "stopStream", name: null },
      { kind: "hangup", cause: "normal" },
    ]);
  });
});
