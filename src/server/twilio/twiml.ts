// The TwiML subset IRISX runs until the call-control issue: <Response> with <Say voice loop>, <Play loop>,
// <Pause length> and <Hangup/>, turned into the call instructions of docs/voice-architecture.md. Any other verb is
// refused rather than skipped, so a tenant learns at once that it is not supported yet. Lives in src/server so the
// API (Twiml on create/update) and the worker (a URL answering TwiML) share one parser.
import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import { ZFetchedCallInstruction, type TCallInstruction } from "@/server/calls/calls.schemas";

/** The most instructions one TwiML document may produce (loops included). */
const MAX_TWIML_INSTRUCTIONS = 100;
const MAX_LOOP = 10;

export class TwimlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TwimlError";
  }
}

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: true,
  // Only the five XML entities are decoded: no DOCTYPE entity expansion.
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

/**
 * The words of a <Say>, SSML included: Twilio speaks the text inside <prosody>, <emphasis>, <say-as>, <p>, <s>,
 * <w>, <lang>, <phoneme> and <sub> (its `alias` when it has one), and a <break> is a pause between words. The switch
 * speaks plain text, so the markup is dropped and its text kept.
 */
function spokenText(children: unknown): string {
  if (!Array.isArray(children)) return "";
  const words: string[] = [];
  for (const child of children as OrderedNode[]) {
    if (!child || typeof child !== "object") continue;
    if ("#text" in child) {
      words.push(String((child as Record<string, unknown>)["#text"]));
      continue;
    }
    const tag = Object.keys(child).find((k) => k !== ":@");
    if (!tag) continue;
    const attrs = child[":@"];
    if (tag === "break") words.push(" ");
    else if (tag === "sub" && attrs?.alias) words.push(attrs.alias);
    else words.push(spokenText(child[tag]));
  }
  // Text nodes come trimmed: rejoin them with spaces, but not before punctuation.
  return words.join(" ").replace(/\s+/g, " ").replace(/ ([.,!?;:])/g, "$1").trim();
}

function loopOf(attrs: Record<string, string> | undefined): number {
  if (attrs?.loop === undefined) return 1;
  const n = Number(attrs.loop);
  if (!Number.isInteger(n) || n < 0) throw new TwimlError(`loop="${attrs.loop}" is not a whole number`);
  // Twilio's loop="0" repeats forever; we cap repetition instead of running a call that never ends.
  return n === 0 ? MAX_LOOP : Math.min(n, MAX_LOOP);
}

/** Parses TwiML into call instructions; throws TwimlError naming what is wrong or unsupported. */
export function parseTwiml(xml: string): TCallInstruction[] {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (e) {
    throw new TwimlError(`TwiML is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const root = (Array.isArray(doc) ? (doc as OrderedNode[]) : []).find((n) => "Response" in n);
  if (!root) throw new TwimlError("TwiML has no <Response> root");
  const out: TCallInstruction[] = [];
  for (const node of root.Response as OrderedNode[]) {
    const verb = Object.keys(node).find((k) => k !== ":@");
    if (!verb || verb === "#text") continue;
    const attrs = node[":@"];
    const children = node[verb];
    switch (verb) {
      case "Say": {
        const text = spokenText(children);
        if (text) for (let i = 0; i < loopOf(attrs); i++) out.push({ say: text, ...(attrs?.voice ? { voice: attrs.voice } : {}) });
        break;
      }
      case "Play": {
        const src = textOf(children);
        if (!src) throw new TwimlError("<Play> needs a URL");
        for (let i = 0; i < loopOf(attrs); i++) out.push({ play: src });
        break;
      }
      case "Pause": {
        const length = attrs?.length === undefined ? 1 : Number(attrs.length);
        if (!Number.isFinite(length) || length < 0) throw new TwimlError(`<Pause length="${attrs?.length}"> is not a number of seconds`);
        // Whole seconds, as the JSON form has them; <Pause length="0"/> is nothing to do.
        if (Math.round(length) >= 1) out.push({ pause: Math.min(Math.round(length), 600) });
        break;
      }
      case "Hangup":
        out.push({ hangup: true });
        break;
      default:
        throw new TwimlError(`<${verb}> is not supported yet (supported: Say, Play, Pause, Hangup)`);
    }
  }
  // <Play> sources are kept as written: the API refuses a bad one with a 400 (twilio-calls-route.ts), the worker
  // skips it and records the refusal (worker/call-control/run-instructions.ts).
  const parsed = z.array(ZFetchedCallInstruction).max(MAX_TWIML_INSTRUCTIONS).safeParse(out);
  if (!parsed.success) throw new TwimlError(`TwiML: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}
