// The messaging TwiML a number's SMS handler answers with: `<Response>` holding `<Message>` verbs, each a body (text,
// or a `<Body>` noun) and `<Media>` URLs, optionally `to`/`from` attributes. Anything else (`<Redirect>`) is ignored.
import { XMLParser } from "fast-xml-parser";

export interface TwimlReply {
  to: string | null;
  from: string | null;
  body: string;
  mediaUrls: string[];
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", textNodeName: "#text", isArray: (name) => name === "Message" || name === "Media" || name === "Body", trimValues: true });

const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : v && typeof v === "object" && "#text" in v ? String((v as { "#text": unknown })["#text"]) : "");

export function parseMessagingTwiml(xml: string): TwimlReply[] {
  if (!xml.trim()) return [];
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return [];
  }
  const response = (doc as { Response?: unknown }).Response;
  if (!response || typeof response !== "object") return [];
  const messages = (response as { Message?: unknown[] }).Message ?? [];
  return messages.map((m) => {
    if (typeof m !== "object" || m === null) return { to: null, from: null, body: text(m), mediaUrls: [] };
    const o = m as Record<string, unknown>;
    const bodies = (o.Body as unknown[] | undefined)?.map(text) ?? [];
    return {
      to: typeof o["@to"] === "string" ? o["@to"] : null,
      from: typeof o["@from"] === "string" ? o["@from"] : null,
      body: bodies.length ? bodies.join("\n") : text(o),
      mediaUrls: ((o.Media as unknown[] | undefined) ?? []).map(text).filter(Boolean),
    };
  });
}
