// Every TwiML voice verb IRISX reads, by element name, and the ones Twilio documents that IRISX refuses. Codes
// (twilio.com/docs/api/errors): Gather 13310 finishOnKey, 13312 method, 13313 timeout, 13314 numDigits, 13320 invalid
// nested verb; Record 13610 method, 13611 timeout, 13612 maxLength, 13613 finishOnKey, 13614 transcribe, 13616
// playBeep; Redirect 13710 method; Enqueue 14201 method, 14202 waitUrl, 14203 action, 14204/14205 queue name,
// 14206 waitUrlMethod.
import { dialRule } from "./dial-rules";
import { simpleRule, type ElementRule } from "./element-rules";
import { connectRule, startRule, stopRule } from "./media-rules";
import { GATHER_PROMPT_RULES, PROMPT_RULES } from "./prompt-rules";

const text = { kind: "text" } as const;
const method = { kind: "method" } as const;
const bool = { kind: "bool" } as const;
const list = { kind: "list" } as const;

const gatherRule: ElementRule = {
  attributes: {
    action: text,
    method: { kind: "method", code: 13312 },
    timeout: { kind: "int", code: 13313 },
    finishOnKey: { kind: "text", code: 13310 },
    numDigits: { kind: "int", code: 13314 },
    input: list,
    actionOnEmptyResult: bool,
    speechTimeout: { kind: "speechTimeout" },
    maxSpeechTime: { kind: "int" },
    language: text,
    hints: text,
    speechModel: text,
    enhanced: bool,
    profanityFilter: bool,
    bargeIn: bool,
    partialResultCallback: text,
    partialResultCallbackMethod: method,
  },
  build(element, ctx) {
    return { gather: ctx.children(element, GATHER_PROMPT_RULES, 13320), ...ctx.attributes(element, gatherRule) };
  },
};

const recordRule = simpleRule("record", "none", {
  action: text,
  method: { kind: "method", code: 13610 },
  timeout: { kind: "int", code: 13611 },
  finishOnKey: { kind: "text", code: 13613 },
  maxLength: { kind: "int", code: 13612 },
  playBeep: { kind: "bool", code: 13616 },
  trim: text,
  recordingStatusCallback: text,
  recordingStatusCallbackMethod: method,
  recordingStatusCallbackEvent: list,
  transcribe: { kind: "bool", code: 13614 },
  transcribeCallback: text,
});

const queueNameCode = (issue: string) => (issue === "too_small" ? 14204 : 14205);

const enqueueRule = simpleRule(
  "enqueue",
  "text",
  {
    action: { kind: "text", code: 14203 },
    method: { kind: "method", code: 14201 },
    waitUrl: { kind: "text", code: 14202 },
    waitUrlMethod: { kind: "method", code: 14206 },
    maxQueueSize: { kind: "int" },
  },
  queueNameCode,
);

const referSipRule = simpleRule("sip", "text", {}, 13243);

const referRule: ElementRule = {
  attributes: { action: text, method },
  contentKey: "refer",
  build(element, ctx) {
    const targets = ctx.children(element, { Sip: referSipRule }, 12200);
    if (targets.length !== 1) ctx.fail(element, 12200, "<Refer> needs exactly one <Sip>");
    return { refer: targets[0]!.sip, ...ctx.attributes(element, referRule) };
  },
};

export const VERB_RULES: Readonly<Record<string, ElementRule>> = {
  ...PROMPT_RULES,
  Gather: gatherRule,
  Dial: dialRule,
  Record: recordRule,
  Hangup: simpleRule("hangup", "none", {}),
  Reject: simpleRule("reject", "none", { reason: text }),
  Redirect: simpleRule("redirect", "text", { method: { kind: "method", code: 13710 } }),
  Enqueue: enqueueRule,
  Leave: simpleRule("leave", "none", {}),
  Refer: referRule,
  Connect: connectRule,
  Start: startRule,
  Stop: stopRule,
};

/** Voice verbs Twilio documents that IRISX does not offer: refused with 12200 naming them, never skipped. */
export const UNSUPPORTED_VERBS = new Set(["Pay", "Prompt", "Echo", "Sms", "Message"]);

/** The TwiML element of each verb of the model, to name it as a TwiML author wrote it. */
export const TWIML_ELEMENT_OF_VERB: Readonly<Record<string, string>> = {
  say: "Say",
  play: "Play",
  pause: "Pause",
  sendDigits: "Play",
  gather: "Gather",
  dial: "Dial",
  record: "Record",
  hangup: "Hangup",
  reject: "Reject",
  redirect: "Redirect",
  enqueue: "Enqueue",
  leave: "Leave",
  refer: "Refer",
  connect: "Connect",
  start: "Start",
  stop: "Stop",
};
