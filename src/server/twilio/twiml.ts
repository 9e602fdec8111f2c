// TwiML as IRISX runs it until the call-control interpreter lands: the whole document is read by the voice-document
// parser (every Twilio voice verb, Twilio's error codes with line and column), then must amount to the flat
// instructions the worker runs today (Say, Play, Pause, Hangup). Anything beyond is refused naming the verb, so a
// tenant learns at once that it does not run yet. Shared by the API (Twiml on create/update) and the worker (a URL
// answering TwiML).
import type { TCallInstruction } from "@/server/calls/calls.schemas";
import { NotFlatError, toFlatInstructions } from "@/server/voice-documents/flat-instructions";
import { parseTwimlDocument } from "@/server/voice-documents/twiml/parse-twiml";
import { TWIML_PARSE_FAILURE, TwimlError } from "@/server/voice-documents/twiml/twiml-error";
import { TWIML_ELEMENT_OF_VERB } from "@/server/voice-documents/twiml/verb-rules";

export { TwimlError };

/** The most instructions one TwiML document may produce (loops included). */
const MAX_TWIML_INSTRUCTIONS = 100;

/** Parses TwiML into call instructions; throws TwimlError (with Twilio's code) naming what is wrong or unsupported. */
export function parseTwiml(xml: string): TCallInstruction[] {
  const { document, positions } = parseTwimlDocument(xml);
  let instructions: TCallInstruction[];
  try {
    instructions = toFlatInstructions(document);
  } catch (e) {
    if (!(e instanceof NotFlatError)) throw e;
    const element = TWIML_ELEMENT_OF_VERB[e.verb] ?? e.verb;
    const message =
      e.verb === "say" ? `<Say> ${e.message.replace(/^say /, "")}` : `<${element}> is not supported yet (supported: Say, Play, Pause, Hangup)`;
    // 12100 as before the full parser: the document is TwiML, but not TwiML this IRISX runs.
    throw new TwimlError({ code: TWIML_PARSE_FAILURE, message, verb: element, ...positions[e.index]! });
  }
  if (instructions.length > MAX_TWIML_INSTRUCTIONS) {
    throw new TwimlError({ code: TWIML_PARSE_FAILURE, message: `TwiML amounts to more than ${MAX_TWIML_INSTRUCTIONS} instructions (loops included)`, line: 1, column: 1 });
  }
  // <Play> sources are kept as written: the API refuses a bad one with a 400 (twilio-calls-route.ts), the worker
  // reports it and goes on (worker/call-control/call-session.ts).
  return instructions;
}
