import { describe, expect, it } from "vitest";
import { parseVoiceDocument } from "./parse-voice-document";

describe("native JSON voice documents", () => {
  it("accept an IVR menu, a call forward, a voicemail and media streams", () => {
    const result = parseVoiceDocument([
      { say: "Welcome to Acme.", voice: "woman" },
      { gather: [{ say: "For sales press 1, for support press 2." }, { pause: 2 }], numDigits: 1, timeout: 8, action: "https://example.com/menu" },
      { dial: [{ number: "+14155550123", sendDigits: "ww1234" }, { sip: "sip:desk@example.com" }], callerId: "+14155550100", timeout: 20, record: "record-from-answer" },
      { say: "Please leave a message." },
      { record: true, maxLength: 120, finishOnKey: "#", action: "/voicemail" },
      { start: { stream: "wss://example.com/audio", name: "ai", track: "both_tracks", parameters: { tenant: "acme" } } },
      { connect: { stream: "wss://example.com/bot" }, action: "/bot-done" },
      { stop: { recording: true } },
      { hangup: true },
    ]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.document).toHaveLength(9);
  });

  const REFUSED: [string, unknown, { path: string; message: RegExp }[]][] = [
    ["not a list", { say: "hi" }, [{ path: "", message: /expected array/ }]],
    ["a verb that is not an object", ["say hi"], [{ path: "0", message: /verb object/ }]],
    ["no known verb key", [{ speak: "hi" }], [{ path: "0", message: /exactly one of the keys say, play, pause/ }]],
    ["two verb keys in one object", [{ say: "hi", play: "https://example.com/a.mp3" }], [{ path: "0", message: /Unrecognized key: "play"/ }]],
    ["an unknown attribute", [{ say: "hi", colour: "red" }], [{ path: "0", message: /Unrecognized key: "colour"/ }]],
    ["a gather prompt loop below zero", [{ say: "ok" }, { gather: [{ say: "x", loop: -1 }] }], [{ path: "1.gather.0.loop", message: />=0/ }]],
    ["a verb nested in gather that is not a prompt", [{ gather: [{ dial: "+14155550123" }] }], [{ path: "0.gather.0", message: /say, play, pause/ }]],
    ["numDigits 0", [{ gather: [], numDigits: 0 }], [{ path: "0.numDigits", message: />=1/ }]],
    ["finishOnKey of two keys", [{ gather: [], finishOnKey: "##" }], [{ path: "0.finishOnKey", message: /one of 0-9/ }]],
    ["a dial noun's bad number", [{ dial: [{ number: "+1415555" }, { number: "call me" }] }], [{ path: "0.dial.1.number", message: /phone number/ }]],
    ["a bare dial number that is none", [{ dial: "call me" }], [{ path: "0.dial", message: /phone number/ }]],
    ["an unknown dial noun", [{ dial: [{ whatsapp: "+14155550123" }] }], [{ path: "0.dial.0", message: /number, sip, client, conference, queue/ }]],
    ["a conference beep that is neither", [{ dial: [{ conference: "Room", beep: "loud" }] }], [{ path: "0.dial.0.beep", message: /onEnter/ }]],
    ["an action URL with credentials", [{ record: true, action: "https://user:pw@example.com/r" }], [{ path: "0.action", message: /without credentials/ }]],
    ["a stream to https", [{ connect: { stream: "https://example.com/s" } }], [{ path: "0.connect.stream", message: /wss:\/\// }]],
    ["a track on connect's stream", [{ connect: { stream: "wss://example.com/s", track: "both_tracks" } }], [{ path: "0.connect", message: /Unrecognized key: "track"/ }]],
    ["reject for no known reason", [{ reject: true, reason: "nope" }], [{ path: "0.reason", message: /rejected.*busy/ }]],
    ["more than a hundred verbs", Array.from({ length: 101 }, () => ({ pause: 1 })), [{ path: "", message: /<=100/ }]],
  ];

  it.each(REFUSED)("refuse %s, naming the field", (_what, document, issues) => {
    const result = parseVoiceDocument(document);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual(issues.map(({ path, message }) => ({ path, message: expect.stringMatching(message) })));
  });

  it("report every faulty verb, each at its own path", () => {
    const result = parseVoiceDocument([{ say: "" }, { pause: 1 }, { pause: 700 }]);
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: "0.say", message: "say needs text to speak" },
        { path: "2.pause", message: expect.stringMatching(/<=600/) },
      ],
    });
  });
});
