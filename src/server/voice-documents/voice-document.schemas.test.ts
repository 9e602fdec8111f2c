import { describe, expect, it } from "vitest";
import { ZVoiceDocument, ZVoiceVerb } from "./voice-document.schemas";

const parse = (verb: unknown) => ZVoiceVerb.parse(verb);

describe("defaults, as Twilio documents them for the TwiML equivalent", () => {
  it("say, play, pause, sendDigits", () => {
    expect(parse({ say: "Hi" })).toEqual({ say: "Hi", language: "en-US", loop: 1 });
    expect(parse({ play: "https://example.com/a.mp3" })).toEqual({ play: "https://example.com/a.mp3", loop: 1 });
    expect(parse({ pause: 3 })).toEqual({ pause: 3 });
    expect(parse({ sendDigits: "ww1#" })).toEqual({ sendDigits: "ww1#" });
  });

  it("gather", () => {
    expect(parse({ gather: [] })).toEqual({
      gather: [],
      input: ["dtmf"],
      method: "POST",
      timeout: 5,
      finishOnKey: "#",
      actionOnEmptyResult: false,
      maxSpeechTime: 60,
      language: "en-US",
      enhanced: false,
      profanityFilter: true,
      bargeIn: true,
      partialResultCallbackMethod: "POST",
    });
  });

  it("dial and each noun", () => {
    const callProgress = { method: "POST", statusCallbackEvent: ["completed"], statusCallbackMethod: "POST" };
    const amd = { machineDetectionTimeout: 30, machineDetectionSpeechThreshold: 2400, machineDetectionSpeechEndThreshold: 1200, machineDetectionSilenceTimeout: 5000, amdStatusCallbackMethod: "POST" };
    expect(parse({ dial: "+14155550123" })).toEqual({
      dial: [{ number: "+14155550123", ...callProgress, ...amd }],
      method: "POST",
      timeout: 30,
      timeLimit: 14400,
      hangupOnStar: false,
      answerOnBridge: false,
      sequential: false,
      record: "do-not-record",
      trim: "do-not-trim",
      recordingTrack: "both",
      recordingStatusCallbackMethod: "POST",
      recordingStatusCallbackEvent: ["completed"],
      referMethod: "POST",
    });
    const nouns = parse({ dial: [{ sip: "sip:a@example.com" }, { client: "alice" }, { conference: "Room" }, { queue: "support" }] });
    expect(nouns).toMatchObject({
      dial: [
        { sip: "sip:a@example.com", ...callProgress, ...amd },
        { client: "alice", ...callProgress },
        {
          conference: "Room",
          muted: false,
          beep: "true",
          startConferenceOnEnter: true,
          endConferenceOnExit: false,
          waitMethod: "POST",
          maxParticipants: 250,
          record: "do-not-record",
          trim: "trim-silence",
          statusCallbackMethod: "POST",
          recordingStatusCallbackMethod: "POST",
          recordingStatusCallbackEvent: ["completed"],
        },
        { queue: "support", method: "POST" },
      ],
    });
  });

  it("record", () => {
    expect(parse({ record: true })).toEqual({
      record: true,
      method: "POST",
      timeout: 5,
      finishOnKey: "1234567890*#",
      maxLength: 3600,
      playBeep: true,
      trim: "trim-silence",
      recordingStatusCallbackMethod: "POST",
      recordingStatusCallbackEvent: ["completed"],
      transcribe: false,
    });
  });

  it("hangup, reject, redirect, enqueue, leave, refer", () => {
    expect(parse({ hangup: true })).toEqual({ hangup: true });
    expect(parse({ reject: true })).toEqual({ reject: true, reason: "rejected" });
    expect(parse({ redirect: "/next" })).toEqual({ redirect: "/next", method: "POST" });
    expect(parse({ enqueue: "support" })).toEqual({ enqueue: "support", method: "POST", waitUrlMethod: "POST" });
    expect(parse({ leave: true })).toEqual({ leave: true });
    expect(parse({ refer: "sip:alice@example.com" })).toEqual({ refer: "sip:alice@example.com", method: "POST" });
  });

  it("connect, start and stop", () => {
    expect(parse({ connect: { stream: "wss://example.com/s" } })).toEqual({ connect: { stream: "wss://example.com/s", statusCallbackMethod: "POST" }, method: "POST" });
    expect(parse({ start: { stream: "wss://example.com/s" } })).toEqual({ start: { stream: "wss://example.com/s", statusCallbackMethod: "POST", track: "inbound_track" } });
    expect(parse({ start: { recording: true } })).toEqual({
      start: { recording: true, channels: "mono", track: "both", trim: "do-not-trim", recordingStatusCallbackMethod: "POST", recordingStatusCallbackEvent: ["completed"] },
    });
    expect(parse({ stop: { stream: true, name: "s1" } })).toEqual({ stop: { stream: true, name: "s1" } });
  });
});

describe("the document", () => {
  it("parses to a fixed point: a stored (parsed) document parses to itself", () => {
    const document = ZVoiceDocument.parse([
      { say: "Hi", loop: 0 },
      { gather: [{ play: "https://example.com/menu.mp3" }, { pause: 1 }], numDigits: 1, action: "/menu" },
      { dial: "+14155550123", action: "/after-dial" },
      { record: true, maxLength: 60 },
      { start: { recording: true, name: "r1" } },
    ]);
    expect(ZVoiceDocument.parse(JSON.parse(JSON.stringify(document)))).toEqual(document);
  });

  it("holds the call API's first instructions as they were written: every one is a verb of the model", () => {
    const flat = [{ say: "Hello", voice: "alice" }, { play: "builtin:beep" }, { pause: 2 }, { hangup: true }];
    for (const instruction of flat) expect(ZVoiceVerb.parse(instruction)).toMatchObject(instruction);
  });
});
