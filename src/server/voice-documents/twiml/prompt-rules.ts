// <Say>, <Play> and <Pause>, at the top of a document and inside <Gather> (where Twilio has codes of its own for a bad
// voice or loop: 13321, 13322). <Play digits="…"> is the model's sendDigits. Codes: twilio.com/docs/api/errors —
// 13410 Play: invalid loop, 13510 Say: invalid loop, 13511 Say: invalid voice, 13520 Say: invalid text,
// 13910 Pause: invalid length.
import { simpleRule, type ElementRule } from "./element-rules";

function sayRule(codes: { loop: number; voice: number }): ElementRule {
  return simpleRule(
    "say",
    "spoken",
    { voice: { kind: "text", code: codes.voice }, language: { kind: "text" }, loop: { kind: "int", code: codes.loop } },
    13520,
  );
}

/** <Play>: a URL to play, or (outside <Gather>, where only prompts belong) digits to send. */
function playRule(withDigits: boolean): ElementRule {
  const rule: ElementRule = {
    attributes: { loop: { kind: "int", code: 13410 }, ...(withDigits ? { digits: { kind: "text", key: "sendDigits" } } : {}) },
    contentKey: "play",
    build(element, ctx) {
      const source = ctx.text(element, rule);
      const attributes = ctx.attributes(element, rule);
      if (attributes.sendDigits !== undefined) {
        if (source) ctx.fail(element, 12200, "<Play> takes a URL or digits, not both", "digits");
        return attributes;
      }
      if (!source) ctx.fail(element, 12200, `<Play> needs the URL of the audio to play${withDigits ? ", or digits" : ""}`);
      return { play: source, ...attributes };
    },
  };
  return rule;
}

const pauseRule: ElementRule = {
  attributes: { length: { kind: "int", key: "pause", code: 13910 } },
  build(element, ctx) {
    if (ctx.text(element, pauseRule)) ctx.fail(element, 12200, "<Pause> takes no content");
    // Twilio's default length is one second.
    return { pause: 1, ...ctx.attributes(element, pauseRule) };
  },
};

export const PROMPT_RULES = { Say: sayRule({ loop: 13510, voice: 13511 }), Play: playRule(true), Pause: pauseRule } as const;
export const GATHER_PROMPT_RULES = { Say: sayRule({ loop: 13322, voice: 13321 }), Play: playRule(false), Pause: pauseRule } as const;
