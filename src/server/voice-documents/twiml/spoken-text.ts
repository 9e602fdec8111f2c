// The words of a <Say>, SSML included. Twilio speaks the text inside the SSML elements it supports
// (twilio.com/docs/voice/twiml/say/text-speech#ssml-tags); the switch's default engine speaks plain text, so markup
// is reduced to its words: <sub> says its alias, <break> is a pause between words, <p> and <s> separate sentences.
// Any other element inside <Say> is refused by the caller of this module.
import type { XmlElement } from "./xml-tree";

export const SSML_ELEMENTS = new Set(["break", "emphasis", "lang", "p", "phoneme", "prosody", "s", "say-as", "sub", "w", "amazon:effect", "amazon:domain"]);
const SEPARATED = new Set(["break", "p", "s"]);

/** The first element inside `say` that is not SSML Twilio supports, if any. */
export function findNonSsml(say: XmlElement): XmlElement | undefined {
  for (const child of say.children) {
    if (child.kind !== "element") continue;
    if (!SSML_ELEMENTS.has(child.name)) return child;
    const nested = findNonSsml(child);
    if (nested) return nested;
  }
  return undefined;
}

function wordsOf(element: XmlElement): string {
  return element.children
    .map((child) => {
      if (child.kind === "text") return child.text;
      if (child.name === "sub") return child.attributes.find((a) => a.name === "alias")?.value ?? wordsOf(child);
      const words = child.name === "break" ? "" : wordsOf(child);
      return SEPARATED.has(child.name) ? ` ${words} ` : words;
    })
    .join("");
}

export function spokenText(say: XmlElement): string {
  return wordsOf(say).replace(/\s+/g, " ").replace(/ ([.,!?;:])/g, "$1").trim();
}
