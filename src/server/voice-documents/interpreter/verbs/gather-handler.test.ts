import { describe, expect, it } from "vitest";
import { answer, CALL_PARAMS, fetchedJson, startJson, startTwiml } from "../test-session";

const MENU = `<Response>
  <Gather numDigits="1" action="/menu" method="GET" timeout="7">
    <Say loop="2">For sales press 1.</Say>
    <Pause length="1"/>
    <Play>https://example.com/jingle.mp3</Play>
  </Gather>
  <Say>We did not hear from you.</Say>
</Response>`;

describe("gather", () => {
  it("plays its prompts while collecting keys, in one command with Twilio's defaults", () => {
    expect(startTwiml(MENU).commands).toEqual([
      {
        kind: "collectInput",
        prompts: [
          { kind: "speak", text: "For sales press 1.", voice: null, language: "en-US", loop: 2 },
          { kind: "silence", seconds: 1 },
          { kind: "play", source: "https://example.com/jingle.mp3", loop: 1 },
        ],
        dtmf: { numDigits: 1, finishOnKey: "#" },
        speech: null,
        timeoutSeconds: 7,
        bargeIn: true,
      },
    ]);
  });

  it("posts the keys to the action, resolved against the document's URL, with Digits, FinishedOnKey and the call's parameters", () => {
    const d = answer(startTwiml(MENU), { kind: "digits", digits: "1", terminator: null });
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/menu", method: "GET", params: { ...CALL_PARAMS, Digits: "1", FinishedOnKey: "" } }]);
    expect(d.state.awaiting).toMatchObject({ kind: "fetch", request: { url: "https://app.example.com/menu" } });
  });

  it("names the key that ended input", () => {
    const d = answer(startTwiml('<Response><Gather action="https://other.example.com/pin"/></Response>'), { kind: "digits", digits: "1234", terminator: "#" });
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://other.example.com/pin", method: "POST", params: { ...CALL_PARAMS, Digits: "1234", FinishedOnKey: "#" } }]);
  });

  it("without an action: TwiML posts to its own document, JSON goes on with the next verb", () => {
    const twiml = answer(startTwiml("<Response><Gather/><Say>Next</Say></Response>"), { kind: "digits", digits: "5", terminator: "#" });
    expect(twiml.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/voice.xml", method: "POST", params: { ...CALL_PARAMS, Digits: "5", FinishedOnKey: "#" } }]);
    const json = answer(startJson([{ gather: [] }, { say: "Next" }]), { kind: "digits", digits: "5", terminator: "#" });
    expect(json.commands).toEqual([{ kind: "speak", text: "Next", voice: null, language: "en-US", loop: 1 }]);
  });

  it("goes on with the next verb when nothing was pressed, or only the finish key", () => {
    expect(answer(startTwiml(MENU), { kind: "timeout" }).commands).toEqual([{ kind: "speak", text: "We did not hear from you.", voice: null, language: "en-US", loop: 1 }]);
    expect(answer(startTwiml(MENU), { kind: "digits", digits: "", terminator: "#" }).commands[0]).toMatchObject({ kind: "speak" });
  });

  it("posts an empty result too when actionOnEmptyResult is set", () => {
    const d = answer(startTwiml('<Response><Gather action="/menu" actionOnEmptyResult="true"/></Response>'), { kind: "timeout" });
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/menu", method: "POST", params: { ...CALL_PARAMS, Digits: "", FinishedOnKey: "" } }]);
  });

  it("collects speech with its settings, speechTimeout defaulting to timeout, and posts SpeechResult and Confidence", () => {
    const start = startTwiml('<Response><Gather input="speech dtmf" action="/heard" timeout="4" hints="sales, support" language="fr-FR" partialResultCallback="/partial"><Say>Say sales</Say></Gather></Response>');
    expect(start.commands[0]).toMatchObject({
      kind: "collectInput",
      dtmf: { numDigits: null, finishOnKey: "#" },
      speech: { language: "fr-FR", hints: "sales, support", model: null, enhanced: false, profanityFilter: true, endSilence: 4, maxSeconds: 60, partialResults: { url: "https://app.example.com/partial", method: "POST" } },
      timeoutSeconds: 4,
    });
    const d = answer(start, { kind: "speech", transcript: "sales please", confidence: 0.92 });
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/heard", method: "POST", params: { ...CALL_PARAMS, SpeechResult: "sales please", Confidence: "0.92" } }]);
  });

  it("runs the document the action answers, from its first verb, with URLs now relative to the action", () => {
    let d = answer(startTwiml(MENU), { kind: "digits", digits: "1", terminator: null });
    d = answer(d, fetchedJson([{ gather: [], action: "next" }]));
    expect(d.state.document.source).toEqual({ url: "https://app.example.com/menu", dialect: "json" });
    d = answer(d, { kind: "digits", digits: "2", terminator: null });
    expect(d.commands[0]).toMatchObject({ kind: "fetch", url: "https://app.example.com/next" });
  });

  it("fails cleanly when a document given inline names a relative action (Twilio's 11100)", () => {
    const d = answer(startJson([{ gather: [], action: "/menu" }], null), { kind: "digits", digits: "1", terminator: null });
    expect(d.commands).toEqual([
      { kind: "reportError", code: 11100, message: "verb 0: /menu is relative, but the document has no URL to resolve it against", verbIndex: 0 },
      { kind: "speak", text: "We are sorry, an application error has occurred. Goodbye.", voice: null, language: "en-US", loop: 1 },
      { kind: "hangup", cause: "application-error" },
    ]);
    expect(d.state.awaiting).toEqual({ kind: "ended" });
  });
});
