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
});
