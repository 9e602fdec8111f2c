// <Connect><Stream>, <Start><Stream | Recording> and <Stop><Stream | Recording>: exactly one noun each. Twilio's other
// nouns here (Room, Conversation, VirtualAgent, ConversationRelay, Siprec, Transcription…) are refused as unsupported.
import { parameterRule, parametersOf, simpleRule, type BuildContext, type ElementRule } from "./element-rules";
import type { XmlElement } from "./xml-tree";

const text = { kind: "text" } as const;
const method = { kind: "method" } as const;

function streamRule(withTrack: boolean): ElementRule {
  const rule: ElementRule = {
    attributes: { url: { kind: "text", key: "stream" }, name: text, statusCallback: text, statusCallbackMethod: method, ...(withTrack ? { track: text } : {}) },
    build(element, ctx) {
      const parameters = parametersOf(ctx.children(element, { Parameter: parameterRule }, 12200));
      const attributes = ctx.attributes(element, rule);
      if (attributes.stream === undefined) ctx.fail(element, 12200, "<Stream> needs a url");
      return { ...attributes, ...(parameters ? { parameters } : {}) };
    },
  };
  return rule;
}

const startRecordingRule = simpleRule("recording", "none", {
  name: text,
  channels: text,
  track: text,
  trim: text,
  recordingStatusCallback: text,
  recordingStatusCallbackMethod: method,
  recordingStatusCallbackEvent: { kind: "list" },
});

const stopNounRule = (key: string) => simpleRule(key, "none", { name: text });

function onlyChild(element: XmlElement, ctx: BuildContext, allowed: Readonly<Record<string, ElementRule>>): Record<string, unknown> {
  const children = ctx.children(element, allowed, 12200);
  if (children.length !== 1) ctx.fail(element, 12200, `<${element.name}> needs exactly one of ${Object.keys(allowed).map((n) => `<${n}>`).join(", ")}`);
  return children[0]!;
}

export const connectRule: ElementRule = {
  attributes: { action: text, method },
  build(element, ctx) {
    return { connect: onlyChild(element, ctx, { Stream: streamRule(false) }), ...ctx.attributes(element, connectRule) };
  },
};

export const startRule: ElementRule = {
  attributes: {},
  build(element, ctx) {
    ctx.attributes(element, startRule);
    return { start: onlyChild(element, ctx, { Stream: streamRule(true), Recording: startRecordingRule }) };
  },
};

export const stopRule: ElementRule = {
  attributes: {},
  build(element, ctx) {
    ctx.attributes(element, stopRule);
    return { stop: onlyChild(element, ctx, { Stream: stopNounRule("stream"), Recording: stopNounRule("recording") }) };
  },
};
