// The call instructions the worker runs on answer (docs/voice-architecture.md "Instructions"): a JSON list
// of say/play/pause/hangup, from the call itself, from a JSON answer of its URL, or from a TwiML subset.
import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import { ZCallInstruction, type TCallInstruction } from "@/server/calls/calls.schemas";

export type { TCallInstruction };

/** A URL may answer with at most this many instructions (the API's own limit is ZCallInstructions'). */
const MAX_FETCHED_INSTRUCTIONS = 100;
const ZFetchedInstructions = z.array(ZCallInstruction).max(MAX_FETCHED_INSTRUCTIONS);

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

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const twimlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: true,
  // No DOCTYPE entity expansion games: only the five XML entities are decoded.
  processEntities: true,
  htmlEntities: false,
});

function textOf(children: unknown): string {
  if (!Array.isArray(children)) return "";
  return children
    .map((c) => (c && typeof c === "object" && "#text" in c ? String((c as Record<string, unknown>)["#text"]) : ""))
    .join("")
    .trim();
}

function loopOf(attrs: Record<string, string> | undefined): number | undefined {
  if (!attrs?.loop) return undefined;
  const n = Number(attrs.loop);
  // Twilio's loop="0" means "forever"; a call-control loop with no end is not something we run, so cap it.
  if (!Number.isInteger(n) || n < 0) throw new InstructionsParseError(`loop="${attrs.loop}" is not a whole number`);
  return n === 0 ? 10 : Math.min(n, 10);
}

/**
 * TwiML subset: <Response> with <Say voice loop>, <Play loop>, <Pause length>, <Hangup/>. Any other verb is
 * refused (rather than skipped) so a tenant learns at once that it is not supported yet.
 */
export function parseTwiml(xml: string): TCallInstruction[] {
  let doc: unknown;
  try {
    doc = twimlParser.parse(xml);
  } catch (e) {
    throw new InstructionsParseError(`TwiML is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const root = (Array.isArray(doc) ? (doc as OrderedNode[]) : []).find((n) => "Response" in n);
  if (!root) throw new InstructionsParseError("TwiML has no <Response> root");
  const out: TCallInstruction[] = [];
  for (const node of root.Response as OrderedNode[]) {
    const verb = Object.keys(node).find((k) => k !== ":@");
    if (!verb || verb === "#text") continue;
    const attrs = node[":@"];
    const children = node[verb];
    switch (verb) {
      case "Say": {
        const text = textOf(children);
        const say: TCallInstruction = { say: text, ...(attrs?.voice ? { voice: attrs.voice } : {}) };
        if (text) for (let i = 0; i < (loopOf(attrs) ?? 1); i++) out.push(say);
        break;
      }
      case "Play": {
        const src = textOf(children);
        if (!src) throw new InstructionsParseError("<Play> needs a URL");
        for (let i = 0; i < (loopOf(attrs) ?? 1); i++) out.push({ play: src });
        break;
      }
      case "Pause": {
        const length = attrs?.length === undefined ? 1 : Number(attrs.length);
        if (!Number.isFinite(length) || length < 0) throw new InstructionsParseError(`<Pause length="${attrs?.length}"> is not a number of seconds`);
        // Whole seconds, as the JSON form has them; <Pause length="0"/> is nothing to do.
        if (Math.round(length) >= 1) out.push({ pause: Math.min(Math.round(length), 600) });
        break;
      }
      case "Hangup":
        out.push({ hangup: true });
        break;
      default:
        throw new InstructionsParseError(`<${verb}> is not supported yet (supported: Say, Play, Pause, Hangup)`);
    }
  }
  const parsed = ZFetchedInstructions.safeParse(out);
  if (!parsed.success) throw new InstructionsParseError(`TwiML: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
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
