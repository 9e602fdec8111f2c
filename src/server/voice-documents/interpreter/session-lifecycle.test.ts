import { describe, expect, it } from "vitest";
import { ZVoiceDocument } from "../voice-document.schemas";
import { advanceSession } from "./advance-session";
import { readSessionState, resumeSession } from "./resume-session";
import { MAX_DOCUMENTS_WITHOUT_PROGRESS } from "./run-verbs";
import { startSession } from "./start-session";
import { answer, CALL, CALL_PARAMS, fetchedJson, startTwiml } from "./test-session";

const APOLOGY = { kind: "speak", text: "We are sorry, an application error has occurred. Goodbye.", voice: null, language: "en-US", loop: 1 };
const start = () =>
  startSession({ call: CALL, url: { url: "https://app.example.com/voice", method: "POST" }, fallback: { url: "https://backup.example.com/voice", method: "GET" } });

describe("a call's session", () => {
  it("starts by asking the call's URL for its document, then runs it", () => {
    let d = start();
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/voice", method: "POST", params: CALL_PARAMS }]);
    d = answer(d, fetchedJson([{ say: "Welcome" }]));
    expect(d.commands).toEqual([{ kind: "speak", text: "Welcome", voice: null, language: "en-US", loop: 1 }]);
    expect(d.state.document.source).toEqual({ url: "https://app.example.com/voice", dialect: "json" });
  });

  it("asks the fallback URL once when a document cannot be fetched, with ErrorCode and ErrorUrl; a second failure apologises and ends", () => {
    let d = answer(start(), { kind: "fetchFailed", code: 11205, message: "connection refused" });
    expect(d.commands).toEqual([
      { kind: "reportError", code: 11205, message: "https://app.example.com/voice: connection refused", verbIndex: null },
      { kind: "fetch", url: "https://backup.example.com/voice", method: "GET", params: { ...CALL_PARAMS, ErrorCode: "11205", ErrorUrl: "https://app.example.com/voice" } },
    ]);
    d = answer(d, { kind: "fetchFailed", code: 12100, message: "the answer is neither JSON nor TwiML" });
    expect(d.commands).toEqual([
      { kind: "reportError", code: 12100, message: "https://backup.example.com/voice: the answer is neither JSON nor TwiML", verbIndex: null },
      APOLOGY,
      { kind: "hangup", cause: "application-error" },
    ]);
    expect(d.state.awaiting).toEqual({ kind: "ended" });
  });

  it("stops a redirect loop that never gives the caller anything", () => {
    let d = start();
    for (let i = 0; i < MAX_DOCUMENTS_WITHOUT_PROGRESS; i++) {
      d = answer(d, fetchedJson([{ redirect: "/voice" }]));
      expect(d.commands[0]).toMatchObject({ kind: "fetch" });
    }
    d = answer(d, fetchedJson([{ redirect: "/voice" }]));
    expect(d.commands).toEqual([expect.objectContaining({ kind: "reportError", code: 12400 }), APOLOGY, { kind: "hangup", cause: "application-error" }]);
  });

  it("lets an IVR loop that plays to the caller go round as often as the caller likes", () => {
    let d = start();
    for (let i = 0; i < MAX_DOCUMENTS_WITHOUT_PROGRESS * 2; i++) {
      d = answer(d, fetchedJson([{ gather: [{ say: "Press 1" }], action: "/voice" }]));
      d = answer(d, { kind: "digits", digits: "9", terminator: null });
    }
    expect(d.commands[0]).toMatchObject({ kind: "fetch", params: { Digits: "9" } });
  });

  it("is plain JSON: stored and read back it is the same state, and decides the same", () => {
    const d = answer(startTwiml('<Response><Say>Hi</Say><Gather numDigits="1" action="/menu"><Play loop="0">https://example.com/m.mp3</Play></Gather></Response>'), { kind: "done" });
    const stored = JSON.parse(JSON.stringify(d.state)) as unknown;
    const read = readSessionState(stored);
    expect(read).toEqual(d.state);
    const outcome = { kind: "digits", step: d.state.step, digits: "1", terminator: null } as const;
    expect(advanceSession(read!, outcome)).toEqual(advanceSession(d.state, outcome));
    expect(readSessionState({ ...d.state, version: 99 })).toBeNull();
    expect(readSessionState({ ...d.state, document: { ...d.state.document, verbs: [{ sing: "la" }] } })).toBeNull();
  });

  it("resumes after a worker restart: the running verb starts again and the interrupted attempt's outcome is ignored", () => {
    const d = answer(startTwiml('<Response><Say>Hi</Say><Gather numDigits="1" action="/menu"><Say>Press 1</Say></Gather></Response>'), { kind: "done" });
    const resumed = resumeSession(readSessionState(JSON.parse(JSON.stringify(d.state)))!);
    expect(resumed.commands).toEqual(d.commands);
    expect(resumed.state.step).toBe(d.state.step + 1);
    expect(advanceSession(resumed.state, { kind: "digits", step: d.state.step, digits: "1", terminator: null }).commands).toEqual([]);
    expect(answer(resumed, { kind: "digits", digits: "1", terminator: null }).commands[0]).toMatchObject({ kind: "fetch", url: "https://app.example.com/menu" });
  });

  it("resumes a pending request by sending it again, and an ended call by doing nothing", () => {
    const d = start();
    expect(resumeSession(d.state).commands).toEqual(d.commands);
    const ended = answer(d, { kind: "hangup" });
    expect(resumeSession(ended.state)).toEqual({ state: ended.state, commands: [] });
  });

  it("keeps documents it is given as they were parsed", () => {
    const document = ZVoiceDocument.parse([{ say: "Hi" }]);
    expect(startSession({ call: CALL, document, source: { url: null, dialect: "json" } }).state.document.verbs).toBe(document);
  });
});
