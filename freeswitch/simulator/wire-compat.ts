// Event-socket frame serialization for the simulator.
// The project's one codec is worker/esl/wire.ts; until it lands this file carries the few serializer functions the
// simulator needs, with the same names and rules (switch_url_encode, `_undef_`, Content-Length-first events), so the
// switch-over is a one-line import change. Keep it tiny; do not grow a second codec here.

/** Bytes switch_url_encode escapes besides controls and non-ASCII (mod_event_socket plain events). */
const ESCAPED = new Uint8Array(128);
for (const ch of " \r\n#%&+:;<=>?@[\\]^`{|}\"") ESCAPED[ch.charCodeAt(0)] = 1;
for (let c = 0; c < 0x20; c++) ESCAPED[c] = 1;
ESCAPED[0x7f] = 1;
const HEX = "0123456789ABCDEF";
const isUpperHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70);

/** FreeSWITCH's switch_url_encode: `%XX` for unsafe bytes; a `%` already followed by two uppercase hex digits passes. */
export function encodeHeaderValue(value: string): string {
  if (value === "") return "_undef_";
  let i = 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || ESCAPED[c] === 1) break;
  }
  if (i === value.length) return value;
  const bytes = Buffer.from(value, "utf8");
  let out = "";
  for (let j = 0; j < bytes.length; j++) {
    const b = bytes[j]!;
    if (b === 0x25 && j + 2 < bytes.length && isUpperHex(bytes[j + 1]!) && isUpperHex(bytes[j + 2]!)) {
      out += "%";
    } else if (b >= 128 || ESCAPED[b] === 1) {
      out += "%" + HEX[b >> 4] + HEX[b & 15];
    } else {
      out += String.fromCharCode(b);
    }
  }
  return out;
}

/** A flat header list: [name0, value0, name1, value1, …] (duplicate names allowed, order kept). */
export type FlatHeaders = string[];

export function serializeEventPlain(headers: FlatHeaders, body?: string): string {
  let text = "";
  for (let i = 0; i < headers.length; i += 2) text += headers[i] + ": " + encodeHeaderValue(headers[i + 1]!) + "\n";
  if (body !== undefined) text += "Content-Length: " + Buffer.byteLength(body) + "\n\n" + body;
  else text += "\n";
  return "Content-Length: " + Buffer.byteLength(text) + "\nContent-Type: text/event-plain\n\n" + text;
}

export function serializeEventJson(headers: FlatHeaders, body?: string): string {
  let text = "{";
  for (let i = 0; i < headers.length; i += 2) {
    text += (i === 0 ? "" : ",") + JSON.stringify(headers[i]) + ":" + JSON.stringify(headers[i + 1]);
  }
  if (body !== undefined) text += ',"Content-Length":"' + Buffer.byteLength(body) + '","_body":' + JSON.stringify(body);
  text += "}";
  return "Content-Length: " + Buffer.byteLength(text) + "\nContent-Type: text/event-json\n\n" + text;
}

export function serializeCommandReply(replyText: string, extra?: FlatHeaders): string {
  let out = "Content-Type: command/reply\nReply-Text: " + replyText + "\n";
  if (extra) for (let i = 0; i < extra.length; i += 2) out += extra[i] + ": " + extra[i + 1] + "\n";
  return out + "\n";
}

export function serializeApiResponse(body: string): string {
  return "Content-Type: api/response\nContent-Length: " + Buffer.byteLength(body) + "\n\n" + body;
}

export function serializeAuthRequest(): string {
  return "Content-Type: auth/request\n\n";
}

export function serializeDisconnectNotice(): string {
  const body = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";
  return "Content-Type: text/disconnect-notice\nContent-Length: " + Buffer.byteLength(body) + "\n\n" + body;
}
