import { describe, expect, it } from "vitest";
import { advanceSession } from "../advance-session";
import { answer, startJson, startTwiml } from "../test-session";

describe("say, play, pause and sendDigits", () => {
  it("run one at a time, each waiting until the switch has played it, and the call ends after the last", () => {
    let d = startTwiml('<Response><Say voice="alice" language="en-GB" loop="2">Hello</Say><Play>https://example.com/a.mp3</Play><Pause length="2"/><Play digits="ww12#"/></Response>');
    expect(d.commands).toEqual([{ kind: "speak", text: "Hello", voice: "alice", language: "en-GB", loop: 2 }]);
    expect(d.state.awaiting).toEqual({ kind: "verb" });
    d = answer(d, { kind: "done" });
    expect(d.commands).toEqual([{ kind: "play", source: "https://example.com/a.mp3", loop: 1 }]);
    d = answer(d, { kind: "done" });
    expect(d.commands).toEqual([{ kind: "silence", seconds: 2 }]);
    d = answer(d, { kind: "done" });
    expect(d.commands).toEqual([{ kind: "playDigits", digits: "ww12#" }]);
    d = answer(d, { kind: "done" });
    expect(d.commands).toEqual([{ kind: "hangup", cause: "normal" }]);
    expect(d.state.awaiting).toEqual({ kind: "ended" });
  });

  it("skip a pause of 0 seconds, and say with no voice leaves the choice to the platform", () => {
    const d = startJson([{ pause: 0 }, { say: "Hi" }]);
    expect(d.commands).toEqual([{ kind: "speak", text: "Hi", voice: null, language: "en-US", loop: 1 }]);
  });

  it("report a source the switch could not play and go on", () => {
    let d = startJson([{ play: "https://example.com/missing.wav" }, { say: "Still here" }]);
    d = answer(d, { kind: "failed", code: 13420, message: "could not fetch https://example.com/missing.wav: HTTP 404" });
    expect(d.commands).toEqual([
      { kind: "reportError", code: 13420, message: "could not fetch https://example.com/missing.wav: HTTP 404", verbIndex: 0 },
      { kind: "speak", text: "Still here", voice: null, language: "en-US", loop: 1 },
    ]);
  });

  it("ignore an outcome for another step, and stop at a hang-up whatever was running", () => {
    const d = startJson([{ say: "One" }, { say: "Two" }]);
    expect(advanceSession(d.state, { kind: "done", step: d.state.step - 1 })).toEqual({ state: d.state, commands: [] });
    expect(answer(d, { kind: "digits", digits: "1", terminator: null })).toEqual({ state: d.state, commands: [] });
    const ended = answer(d, { kind: "hangup" });
    expect(ended.commands).toEqual([]);
    expect(ended.state).toMatchObject({ awaiting: { kind: "ended" }, call: { status: "completed" } });
    expect(answer(ended, { kind: "done" }).commands).toEqual([]);
  });

  it("end at once on an empty document", () => {
    expect(startTwiml("<Response/>").commands).toEqual([{ kind: "hangup", cause: "normal" }]);
  });
});
