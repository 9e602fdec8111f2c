import { describe, expect, it } from "vitest";
import { FLAT_MAX_LOOP, NotFlatError, toFlatInstructions } from "./flat-instructions";
import { ZVoiceDocument } from "./voice-document.schemas";

const flat = (document: unknown) => toFlatInstructions(ZVoiceDocument.parse(document));

describe("a voice document as the flat instructions the worker runs today", () => {
  it("gives flat instructions back unchanged", () => {
    const instructions = [{ say: "Hello", voice: "alice" }, { play: "https://example.com/a.wav" }, { pause: 2 }, { hangup: true }];
    expect(flat(instructions)).toEqual(instructions);
  });

  it("repeats loops (until the call ends is capped), drops a zero pause, keeps English say", () => {
    expect(flat([{ say: "Hi", loop: 2, language: "en-GB" }, { pause: 0 }, { play: "builtin:beep", loop: 3 }])).toEqual([
      { say: "Hi" },
      { say: "Hi" },
      { play: "builtin:beep" },
      { play: "builtin:beep" },
      { play: "builtin:beep" },
    ]);
    expect(flat([{ say: "Forever", loop: 0 }])).toHaveLength(FLAT_MAX_LOOP);
  });

  it("refuses, naming the verb and its index, what only the interpreter can run", () => {
    const refusal = (document: unknown) => {
      try {
        flat(document);
      } catch (e) {
        if (e instanceof NotFlatError) return { index: e.index, verb: e.verb, message: e.message };
      }
      return null;
    };
    expect(refusal([{ say: "Hi" }, { gather: [] }])).toEqual({ index: 1, verb: "gather", message: expect.stringMatching(/gather is not supported yet/) });
    expect(refusal([{ sendDigits: "1" }])).toMatchObject({ index: 0, verb: "sendDigits" });
    expect(refusal([{ say: "Bonjour", language: "fr-FR" }])).toEqual({ index: 0, verb: "say", message: expect.stringMatching(/fr-FR is not supported yet/) });
  });
});
