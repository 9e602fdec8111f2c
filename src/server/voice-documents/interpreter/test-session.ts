// Shared by the interpreter's tests: a call, a document started from JSON or TwiML, and outcomes fed in turn.
import { parseTwimlDocument } from "../twiml/parse-twiml";
import { ZVoiceDocument } from "../voice-document.schemas";
import { advanceSession } from "./advance-session";
import type { Outcome } from "./outcomes";
import type { Decision } from "./run-verbs";
import type { SessionCall } from "./session-state";
import { startSession } from "./start-session";

export const CALL: SessionCall = {
  callSid: "CA00000000000000000000000000000001",
  accountSid: "AC00000000000000000000000000000001",
  from: "+14155550100",
  to: "+14155550123",
  direction: "inbound",
  status: "in-progress",
};

/** Twilio's parameters of CALL, sent with every request. */
export const CALL_PARAMS = {
  CallSid: CALL.callSid,
  AccountSid: CALL.accountSid,
  From: CALL.from,
  To: CALL.to,
  CallStatus: "in-progress",
  Direction: "inbound",
  ApiVersion: "2010-04-01",
};

export function startJson(document: unknown, url: string | null = "https://app.example.com/voice.json"): Decision {
  return startSession({ call: CALL, document: ZVoiceDocument.parse(document), source: { url, dialect: "json" } });
}

export function startTwiml(xml: string, url: string | null = "https://app.example.com/voice.xml"): Decision {
  return startSession({ call: CALL, document: parseTwimlDocument(xml).document, source: { url, dialect: "twiml" } });
}

type StepOutcome = Outcome extends infer O ? (O extends { step: number } ? Omit<O, "step"> : O) : never;

/** The application's answer, as the fetcher hands it over: a parsed document. */
export function fetchedJson(document: unknown) {
  return { kind: "fetched" as const, dialect: "json" as const, document: ZVoiceDocument.parse(document) };
}

/** Feeds an outcome for the step the decision awaits. */
export function answer(decision: Decision, outcome: StepOutcome): Decision {
  return advanceSession(decision.state, (outcome.kind === "hangup" ? outcome : { ...outcome, step: decision.state.step }) as Outcome);
}
