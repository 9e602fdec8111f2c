import { describe, expect, it } from "vitest";
import { answer, CALL_PARAMS, startJson, startTwiml } from "../test-session";

const ENDED = { dialCallSid: "CA00000000000000000000000000000099", bridged: true, recording: null, callerHungUp: false } as const;

describe("dial", () => {
  it("rings every noun with its settings, and the dial's own", () => {
    const d = startTwiml(`<Response>
      <Dial callerId="+14155550100" timeout="20" record="record-from-answer-dual" recordingStatusCallback="/rec" hangupOnStar="true">
        <Number sendDigits="wwww1928" url="/screen" statusCallback="/progress" statusCallbackEvent="ringing answered">415-123-4567</Number>
        <Sip username="admin" password="1234">sip:kate@example.com</Sip>
        <Client><Identity>alice</Identity><Parameter name="Team" value="Sales"/></Client>
      </Dial>
    </Response>`);
    expect(d.commands).toEqual([
      {
        kind: "dial",
        targets: [
          {
            kind: "number",
            number: "415-123-4567",
            sendDigits: "wwww1928",
            answerUrl: { url: "https://app.example.com/screen", method: "POST" },
            statusCallback: { url: "https://app.example.com/progress", method: "POST", events: ["ringing", "answered"] },
            machineDetection: null,
          },
          { kind: "sip", uri: "sip:kate@example.com", username: "admin", password: "1234", answerUrl: null, statusCallback: null, machineDetection: null },
          { kind: "client", identity: "alice", parameters: { Team: "Sales" }, answerUrl: null, statusCallback: null },
        ],
        callerId: "+14155550100",
        timeoutSeconds: 20,
        timeLimitSeconds: 14400,
        hangupOnStar: true,
        answerOnBridge: false,
        sequential: false,
        ringTone: null,
        record: { from: "answer", dualChannel: true, track: "both", trimSilence: false, statusCallback: { url: "https://app.example.com/rec", method: "POST", events: ["completed"] } },
        referUrl: null,
      },
    ]);
  });

  it("joins a conference or a queue with their settings", () => {
    const d = startJson([{ dial: [{ conference: "Room 1234", startConferenceOnEnter: false, waitUrl: "/hold", beep: "onEnter" }] }, { dial: [{ queue: "support", url: "/whisper" }] }]);
    expect(d.commands[0]).toMatchObject({
      targets: [
        {
          kind: "conference",
          name: "Room 1234",
          muted: false,
          beep: "onEnter",
          startOnEnter: false,
          endOnExit: false,
          waitUrl: { url: "https://app.example.com/hold", method: "POST" },
          maxParticipants: 250,
          record: false,
          trimSilence: true,
        },
      ],
    });
    const queue = answer(d, { kind: "dialEnded", status: "completed", durationSeconds: 30, ...ENDED });
    expect(queue.commands[0]).toMatchObject({ kind: "dial", targets: [{ kind: "queue", name: "support", whisperUrl: { url: "https://app.example.com/whisper", method: "POST" } }] });
  });

  it("posts DialCallStatus, DialCallSid, DialCallDuration and DialBridged to the action when the dialled call ends", () => {
    const d = answer(startTwiml('<Response><Dial action="/handleDialCallStatus" method="GET">415-123-4567</Dial><Say>I am unreachable</Say></Response>'), {
      kind: "dialEnded",
      status: "completed",
      durationSeconds: 62,
      ...ENDED,
      recording: { sid: "RE00000000000000000000000000000002", url: "https://irisx.example.com/r/2", durationSeconds: 61 },
    });
    expect(d.commands).toEqual([
      {
        kind: "fetch",
        url: "https://app.example.com/handleDialCallStatus",
        method: "GET",
        params: {
          ...CALL_PARAMS,
          DialCallStatus: "completed",
          DialCallSid: ENDED.dialCallSid,
          DialCallDuration: "62",
          DialBridged: "true",
          RecordingUrl: "https://irisx.example.com/r/2",
          RecordingSid: "RE00000000000000000000000000000002",
          RecordingDuration: "61",
        },
      },
    ]);
  });

  it("reports busy and no-answer the same way", () => {
    const d = answer(startJson([{ dial: "+14155550123", action: "/after" }]), { kind: "dialEnded", status: "busy", durationSeconds: 0, dialCallSid: null, bridged: false, recording: null, callerHungUp: false });
    expect(d.commands[0]).toMatchObject({ kind: "fetch", params: { DialCallStatus: "busy", DialCallDuration: "0", DialBridged: "false" } });
    expect(d.commands[0]).not.toHaveProperty("params.DialCallSid");
  });

  it("goes on with the next verb when there is no action, in TwiML as in JSON", () => {
    const d = answer(startTwiml("<Response><Dial>415-123-4567</Dial><Say>Goodbye</Say></Response>"), { kind: "dialEnded", status: "no-answer", durationSeconds: 0, ...ENDED, bridged: false });
    expect(d.commands).toEqual([{ kind: "speak", text: "Goodbye", voice: null, language: "en-US", loop: 1 }]);
  });

  it("tells the action when the caller hung up (CallStatus completed) and ends without running more", () => {
    const d = answer(startJson([{ dial: "+14155550123", action: "https://app.example.com/after" }, { say: "unreachable" }]), {
      kind: "dialEnded",
      status: "completed",
      durationSeconds: 12,
      ...ENDED,
      callerHungUp: true,
    });
    expect(d.commands).toEqual([
      {
        kind: "notify",
        url: "https://app.example.com/after",
        method: "POST",
        params: { ...CALL_PARAMS, CallStatus: "completed", DialCallStatus: "completed", DialCallSid: ENDED.dialCallSid, DialCallDuration: "12", DialBridged: "true" },
      },
    ]);
    expect(d.state.awaiting).toEqual({ kind: "ended" });
  });
});
