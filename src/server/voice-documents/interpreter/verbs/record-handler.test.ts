import { describe, expect, it } from "vitest";
import { answer, CALL_PARAMS, startJson, startTwiml } from "../test-session";

const VOICEMAIL = `<Response>
  <Say>Please leave a message at the beep.</Say>
  <Record action="http://foo.edu/handleRecording.php" method="GET" maxLength="20" finishOnKey="*" recordingStatusCallback="/rec-status" transcribe="true"/>
  <Say>I did not receive a recording</Say>
</Response>`;

const RECORDING = { sid: "RE00000000000000000000000000000001", url: "https://irisx.example.com/recordings/RE00000000000000000000000000000001", durationSeconds: 14 };

const recording = () => answer(startTwiml(VOICEMAIL), { kind: "done" });

describe("record", () => {
  it("records with Twilio's settings and defaults", () => {
    expect(recording().commands).toEqual([
      {
        kind: "record",
        maxLengthSeconds: 20,
        silenceTimeoutSeconds: 5,
        finishOnKey: "*",
        playBeep: true,
        trimSilence: true,
        transcribe: { callback: null },
        statusCallback: { url: "https://app.example.com/rec-status", method: "POST", events: ["completed"] },
      },
    ]);
  });

  it("posts RecordingUrl, RecordingSid, RecordingDuration and the key that ended it (Digits) to the action", () => {
    const d = answer(recording(), { kind: "recorded", recording: RECORDING, terminator: "*" });
    expect(d.commands).toEqual([
      {
        kind: "fetch",
        url: "http://foo.edu/handleRecording.php",
        method: "GET",
        params: { ...CALL_PARAMS, RecordingUrl: RECORDING.url, RecordingSid: RECORDING.sid, RecordingDuration: "14", Digits: "*" },
      },
    ]);
  });

  it("sends no Digits when silence or the maximum length ended the recording", () => {
    const d = answer(recording(), { kind: "recorded", recording: RECORDING, terminator: null });
    expect(d.commands[0]).toMatchObject({ kind: "fetch", params: { RecordingDuration: "14" } });
    expect(d.commands[0]).not.toHaveProperty("params.Digits");
  });

  it("goes on with the next verb, without a request, when nothing was recorded", () => {
    const said = { kind: "speak", text: "I did not receive a recording", voice: null, language: "en-US", loop: 1 };
    expect(answer(recording(), { kind: "timeout" }).commands).toEqual([said]);
    expect(answer(recording(), { kind: "recorded", recording: { ...RECORDING, durationSeconds: 0 }, terminator: null }).commands).toEqual([said]);
  });

  it("tells the action of a recording the caller ended by hanging up (Digits=hangup, CallStatus completed), and ends", () => {
    const d = answer(recording(), { kind: "recorded", recording: RECORDING, terminator: "hangup" });
    expect(d.commands).toEqual([
      {
        kind: "notify",
        url: "http://foo.edu/handleRecording.php",
        method: "GET",
        params: { ...CALL_PARAMS, CallStatus: "completed", RecordingUrl: RECORDING.url, RecordingSid: RECORDING.sid, RecordingDuration: "14", Digits: "hangup" },
      },
    ]);
    expect(d.state.awaiting).toEqual({ kind: "ended" });
  });

  it("without an action: TwiML posts to its own document, JSON goes on", () => {
    const twiml = answer(startTwiml("<Response><Record/></Response>"), { kind: "recorded", recording: RECORDING, terminator: "#" });
    expect(twiml.commands[0]).toMatchObject({ kind: "fetch", url: "https://app.example.com/voice.xml", method: "POST" });
    const json = answer(startJson([{ record: true }, { hangup: true }]), { kind: "recorded", recording: RECORDING, terminator: "#" });
    expect(json.commands).toEqual([{ kind: "hangup", cause: "normal" }]);
  });
});
