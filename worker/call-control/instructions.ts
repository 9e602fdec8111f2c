// The call instructions the worker runs on answer (docs/voice-architecture.md "Instructions"): a JSON list
// of say/play/pause/hangup, from the call itself, from a JSON answer of its URL, or from a TwiML subset.
import { z } from "zod";
import { ZFetchedCallInstruction, type TCallInstruction } from "@/server/calls/calls.schemas";
import { parseTwiml as parseTwimlSubset, TwimlError } from "@/server/twilio/twiml";

export type { TCallInstruction };

/** A URL may answer with at most this many instructions (the API's own limit is ZCallInstructions'). */
const MAX_FETCHED_INSTRUCTIONS = 100;
const ZFetchedInstructions = z.array(ZFetchedCallInstruction).max(MAX_FETCHED_INSTRUCTIONS);

/** `{ "instructions": [...] }`, what a tenant's URL may answer with as JSON. */
const ZInstructionsDocument = z.object({ instructions: ZFetchedInstructions });

export class InstructionsParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InstructionsParseError";
  }
}

export function parseInstructionsJson(value: unknown): TCallInstruction[] {
  const asList = ZFetchedInstructions.safeParse(value);
  if (asList.success) return asList.data;
  const asDoc = ZInstructionsDocument.safeParse(value);
  if (asDoc.success) return asDoc.data.instructions;
  throw new InstructionsParseError(`not a list of say/play/pause/hangup instructions: ${asDoc.error.issues[0]?.message ?? "invalid"}`);
}

/** The TwiML subset (Say, Play, Pause, Hangup) through the one parser the API also uses (src/server/twilio/twiml.ts). */
export function parseTwiml(xml: string): TCallInstruction[] {
  try {
    return parseTwimlSubset(xml);
  } catch (e) {
    if (e instanceof TwimlError) throw new InstructionsParseError(e.message);
    throw e;
  }
}

/** A URL's answer, JSON or TwiML, told apart by its first character (the content type is often wrong). */
export function parseInstructionsResponse(body: string): TCallInstruction[] {
  const trimmed = body.trimStart();
  if (trimmed.startsWith("<")) return parseTwiml(trimmed);
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw new InstructionsParseError("the answer is neither JSON nor TwiML");
  }
  return parseInstructionsJson(json);
}
