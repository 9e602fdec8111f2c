import { describe, expect, it } from "vitest";
import { DOCS_EXAMPLES, REFUSED_DOCS_EXAMPLES } from "./fixtures/twilio-docs-examples";
import { parseTwimlDocument } from "./parse-twiml";
import { TwimlError } from "./twiml-error";

describe("TwiML examples from Twilio's documentation", () => {
  it("are at least thirty, each run unchanged", () => {
    expect(DOCS_EXAMPLES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(DOCS_EXAMPLES)("$name parses to the model", ({ twiml, expected }) => {
    expect(parseTwimlDocument(twiml).document).toMatchObject(expected);
  });

  it.each(REFUSED_DOCS_EXAMPLES)("$name is refused with Twilio's code, where and what", ({ twiml, refused }) => {
    let error: unknown;
    try {
      parseTwimlDocument(twiml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TwimlError);
    expect((error as TwimlError).toProblem()).toMatchObject(refused);
  });
});
