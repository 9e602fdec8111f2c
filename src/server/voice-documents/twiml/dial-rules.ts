// <Dial> and its nouns <Number>, <Sip>, <Client>, <Conference>, <Queue>. Codes (twilio.com/docs/api/errors):
// Dial 13210 method, 13212 timeout, 13213 hangupOnStar, 13214 callerId, 13215 invalid nested element, 13216 timeLimit,
// 13217 record; Number 13221 method, 13222 sendDigits, 13223 phone number format; Conference 13230 muted,
// 13231 endConferenceOnExit, 13232 startConferenceOnEnter, 13233 waitUrl, 13234 waitMethod, 13235 beep, 13237 name;
// Sip 13241 method, 13243 SIP URI, 13249 username or password; Queue 14210 method, 14211 url, 14212/14213 name.
import { parameterRule, parametersOf, simpleRule, type AttributeRule, type ElementRule } from "./element-rules";

const text = { kind: "text" } as const;
const method = { kind: "method" } as const;
const int = { kind: "int" } as const;
const bool = { kind: "bool" } as const;
const list = { kind: "list" } as const;

const calledLeg = (codes: { method?: number } = {}): Record<string, AttributeRule> => ({
  url: text,
  method: { kind: "method", code: codes.method },
  statusCallback: text,
  statusCallbackEvent: list,
  statusCallbackMethod: method,
});

const machineDetection: Record<string, AttributeRule> = {
  machineDetection: text,
  machineDetectionTimeout: int,
  machineDetectionSpeechThreshold: int,
  machineDetectionSpeechEndThreshold: int,
  machineDetectionSilenceTimeout: int,
  amdStatusCallback: text,
  amdStatusCallbackMethod: method,
};

const numberRule = simpleRule("number", "text", { sendDigits: { kind: "text", code: 13222 }, ...calledLeg({ method: 13221 }), ...machineDetection }, 13223);

const sipRule = simpleRule(
  "sip",
  "text",
  { username: { kind: "text", code: 13249 }, password: { kind: "text", code: 13249 }, ...calledLeg({ method: 13241 }), ...machineDetection },
  13243,
);

const identityRule = simpleRule("identity", "text", {});

/** <Client>joey</Client>, or <Client><Identity>joey</Identity><Parameter …/></Client>. */
const clientRule: ElementRule = {
  attributes: calledLeg(),
  contentKey: "client",
  build(element, ctx) {
    const attributes = ctx.attributes(element, clientRule);
    if (!element.children.some((c) => c.kind === "element")) return { client: ctx.text(element, clientRule), ...attributes };
    const children = ctx.children(element, { Identity: identityRule, Parameter: parameterRule }, 12200);
    const identities = children.filter((c) => "identity" in c);
    if (identities.length !== 1) ctx.fail(element, 12200, "<Client> needs exactly one <Identity>");
    const parameters = parametersOf(children);
    return { client: identities[0]!.identity, ...(parameters ? { parameters } : {}), ...attributes };
  },
};

const conferenceRule = simpleRule(
  "conference",
  "text",
  {
    muted: { kind: "bool", code: 13230 },
    beep: { kind: "text", code: 13235 },
    startConferenceOnEnter: { kind: "bool", code: 13232 },
    endConferenceOnExit: { kind: "bool", code: 13231 },
    waitUrl: { kind: "text", code: 13233 },
    waitMethod: { kind: "method", code: 13234 },
    maxParticipants: int,
    record: text,
    trim: text,
    coach: text,
    participantLabel: text,
    statusCallback: text,
    statusCallbackEvent: list,
    statusCallbackMethod: method,
    recordingStatusCallback: text,
    recordingStatusCallbackMethod: method,
    recordingStatusCallbackEvent: list,
  },
  13237,
);

const queueRule = simpleRule("queue", "text", { url: { kind: "text", code: 14211 }, method: { kind: "method", code: 14210 } }, (issue) =>
  issue === "too_small" ? 14212 : 14213,
);

export const DIAL_NOUN_RULES = { Number: numberRule, Sip: sipRule, Client: clientRule, Conference: conferenceRule, Queue: queueRule } as const;

export const dialRule: ElementRule = {
  attributes: {
    action: text,
    method: { kind: "method", code: 13210 },
    timeout: { kind: "int", code: 13212 },
    hangupOnStar: { kind: "bool", code: 13213 },
    callerId: { kind: "text", code: 13214 },
    timeLimit: { kind: "int", code: 13216 },
    record: { kind: "dialRecord", code: 13217 },
    trim: text,
    recordingTrack: text,
    recordingStatusCallback: text,
    recordingStatusCallbackMethod: method,
    recordingStatusCallbackEvent: list,
    answerOnBridge: bool,
    ringTone: text,
    sequential: bool,
    referUrl: text,
    referMethod: method,
  },
  contentKey: "dial",
  contentCode: 13223,
  build(element, ctx) {
    const attributes = ctx.attributes(element, dialRule);
    const nouns = element.children.some((c) => c.kind === "element") ? ctx.children(element, DIAL_NOUN_RULES, 13215) : undefined;
    const number = nouns ? undefined : ctx.text(element, dialRule);
    if (nouns?.length === 0 || number === "") ctx.fail(element, 13215, "<Dial> needs a number, or nouns to dial");
    return { dial: nouns ?? number, ...attributes };
  },
};
