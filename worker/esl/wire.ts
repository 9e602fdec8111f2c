// The FreeSWITCH event-socket wire codec: framing, event parsing and the serializer the simulator uses.
// Built against the bytes of FreeSWITCH 1.10.12 in ../shared/fixtures/esl (see its README for the format);
// the serializers reproduce mod_event_socket.c / switch_event.c byte for byte, which wire.test.ts proves.
//
//   FrameReader  bytes → EslFrame (outer headers + Content-Length body), streaming, O(n)
//   parseEvent   EslFrame (text/event-plain | text/event-json) → EslEvent (ordered, duplicates kept)
//   serialize*   the frames FreeSWITCH writes (auth/request, command/reply, api/response, events, log/data, …)

/** A header as it is on the wire or in an event: name, value. Order matters and names may repeat. */
export type EslHeader = readonly [name: string, value: string];

/**
 * Headers given to a serializer, in order, duplicates allowed: pairs `[[name, value], …]`, a flat list
 * `[name0, value0, name1, value1, …]` (the simulator's form; cheaper to build), or a plain record.
 */
export type EslHeaderInput = ReadonlyArray<EslHeader> | ReadonlyArray<string> | Readonly<Record<string, string>>;

/** The peer sent bytes that are not ESL. The stream cannot be resynchronised: drop the connection. */
export class EslProtocolError extends Error {
  override readonly name = "EslProtocolError";
}

const LF = 0x0a;
const LFLF = Buffer.from("\n\n");

// ---------------------------------------------------------------------------------------------------------
// Frames
// ---------------------------------------------------------------------------------------------------------

/** One ESL frame: the outer header block (never URL-encoded) and the Content-Length body, if any. */
export class EslFrame {
  constructor(
    readonly headers: ReadonlyArray<EslHeader>,
    /** Exactly Content-Length bytes; undefined when the frame has no Content-Length. */
    readonly body: Buffer | undefined,
  ) {}

  /** First outer header with this name (outer blocks are a handful of lines: a linear scan is cheapest). */
  get(name: string): string | undefined {
    for (const [n, v] of this.headers) if (n === name) return v;
    return undefined;
  }

  get contentType(): string {
    return this.get("Content-Type") ?? "";
  }

  /** The body as UTF-8 text ('' when there is none). */
  get bodyText(): string {
    return this.body === undefined ? "" : this.body.toString("utf8");
  }
}

export interface FrameReaderOptions {
  /** Largest Content-Length accepted. A bigger one means a corrupt stream (FreeSWITCH never sends it). */
  maxBodyBytes?: number;
  /** Largest outer header block accepted before its blank line. */
  maxHeaderBytes?: number;
}

const enum ReaderState {
  Headers,
  Body,
}

/**
 * Streaming ESL framer. `push` chunks of any size split at any byte; `onFrame` is called once per complete
 * frame, synchronously, in order.
 *
 * Framing follows mod_event_socket: a header block ends at the first empty line; if it has Content-Length N,
 * exactly N body bytes follow with NO terminator (bodies often lack a final "\n", so the next frame may begin
 * on the same "line"). Never split on lines or blank lines inside a body.
 *
 * Cost is O(n) in the bytes pushed: when nothing is pending, frames are cut straight out of the chunk
 * (subarrays, zero copy); a partial frame is kept as a list of chunk slices and joined once, when it is
 * complete; the search for the blank line resumes where it stopped (one byte of look-behind), so no byte
 * is scanned or copied twice however small the chunks are.
 *
 * `push` takes ownership of the chunk (frames may reference its memory): do not mutate it afterwards.
 * Node's socket chunks are fresh buffers, so `socket.on('data', c => reader.push(c))` is safe.
 */
export class FrameReader {
  private state = ReaderState.Headers;
  private parts: Buffer[] = [];
  private partsLen = 0;
  /** Headers state: the last byte of the pending parts was LF (the blank line may straddle two chunks). */
  private lastWasLf = false;
  /** Body state: the outer headers of the frame whose body is being collected, and its length. */
  private pendingHeaders: EslHeader[] = [];
  private need = 0;
  private readonly maxBodyBytes: number;
  private readonly maxHeaderBytes: number;

  constructor(
    private readonly onFrame: (frame: EslFrame) => void,
    options: FrameReaderOptions = {},
  ) {
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
    this.maxHeaderBytes = options.maxHeaderBytes ?? 64 * 1024;
  }

  /** Bytes received but not yet part of an emitted frame. */
  get bufferedBytes(): number {
    return this.partsLen;
  }

  /** Forget any partial frame (after a reconnect the new stream starts fresh). */
  reset(): void {
    this.state = ReaderState.Headers;
    this.parts = [];
    this.partsLen = 0;
    this.lastWasLf = false;
    this.pendingHeaders = [];
    this.need = 0;
  }

  push(chunk: Buffer): void {
    const len = chunk.length;
    let pos = 0;
    while (pos < len) {
      if (this.state === ReaderState.Headers) {
        if (this.partsLen === 0) {
          // Tolerate stray blank lines between frames (libesl does too); FreeSWITCH does not send them.
          while (pos < len && chunk[pos] === LF) pos++;
          if (pos === len) return;
          const end = chunk.indexOf(LFLF, pos);
          if (end === -1) {
            this.keepPartialHeader(chunk.subarray(pos));
            return;
          }
          this.headerBlock(chunk.toString("latin1", pos, end));
          pos = end + 2;
        } else {
          // Resume the blank-line search in the new chunk only; the pending bytes were already searched.
          let second: number; // index in `chunk` of the blank line's second LF
          if (this.lastWasLf && chunk[pos] === LF) {
            second = pos;
          } else {
            const at = chunk.indexOf(LFLF, pos);
            second = at === -1 ? -1 : at + 1;
          }
          if (second === -1) {
            this.keepPartialHeader(chunk.subarray(pos));
            return;
          }
          if (second > pos) this.parts.push(chunk.subarray(pos, second - 1));
          const block = Buffer.concat(this.parts).toString("latin1");
          this.parts = [];
          this.partsLen = 0;
          this.lastWasLf = false;
          // `block` may end with the blank line's first LF when the line straddled the chunks.
          this.headerBlock(block.endsWith("\n") ? block.slice(0, -1) : block);
          pos = second + 1;
        }
      } else {
        const avail = len - pos;
        if (this.partsLen === 0 && avail >= this.need) {
          const body = chunk.subarray(pos, pos + this.need);
          pos += this.need;
          this.emitBody(body);
        } else if (this.partsLen + avail >= this.need) {
          const take = this.need - this.partsLen;
          this.parts.push(chunk.subarray(pos, pos + take));
          pos += take;
          const body = Buffer.concat(this.parts, this.need);
          this.parts = [];
          this.partsLen = 0;
          this.emitBody(body);
        } else {
          this.parts.push(pos === 0 ? chunk : chunk.subarray(pos));
          this.partsLen += avail;
          return;
        }
      }
    }
  }

  private keepPartialHeader(slice: Buffer): void {
    this.parts.push(slice);
    this.partsLen += slice.length;
    this.lastWasLf = slice[slice.length - 1] === LF;
    if (this.partsLen > this.maxHeaderBytes) {
      throw new EslProtocolError(`ESL header block longer than ${this.maxHeaderBytes} bytes without a blank line`);
    }
  }

  /** `text` is the header block without its terminating blank line. Outer headers are ASCII (latin1 is exact). */
  private headerBlock(text: string): void {
    const headers = splitHeaderLines(text);
    let contentLength = -1;
    for (const [name, value] of headers) {
      if (name === "Content-Length") {
        contentLength = parseLength(value);
        break;
      }
    }
    if (contentLength > this.maxBodyBytes) {
      throw new EslProtocolError(`ESL Content-Length ${contentLength} exceeds the ${this.maxBodyBytes}-byte limit`);
    }
    if (contentLength <= 0) {
      this.onFrame(new EslFrame(headers, contentLength === 0 ? Buffer.alloc(0) : undefined));
      return;
    }
    this.state = ReaderState.Body;
    this.pendingHeaders = headers;
    this.need = contentLength;
  }

  private emitBody(body: Buffer): void {
    const headers = this.pendingHeaders;
    this.state = ReaderState.Headers;
    this.pendingHeaders = [];
    this.need = 0;
    this.onFrame(new EslFrame(headers, body));
  }
}

function parseLength(value: string): number {
  // Digits only: parseInt would accept "12abc" and silently desynchronise the stream. (A loop, not a regex:
  // this runs once per frame.)
  const n = value.length;
  let x = 0;
  for (let i = 0; i < n; i++) {
    const d = value.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) x = NaN;
    x = x * 10 + d;
  }
  if (n === 0 || n > 12 || Number.isNaN(x)) throw new EslProtocolError(`ESL Content-Length is not a number: ${JSON.stringify(value)}`);
  return x;
}

/** "Name: value" lines → pairs (a frame's own few header lines; event bodies use splitBlock directly). */
function splitHeaderLines(text: string): EslHeader[] {
  const names: string[] = [];
  const values: string[] = [];
  splitBlock(text, names, values);
  return names.map((name, i) => [name, values[i]!] as const);
}

// ---------------------------------------------------------------------------------------------------------
// URL encoding (switch_url_encode / switch_url_decode)
// ---------------------------------------------------------------------------------------------------------

// SWITCH_URL_UNSAFE in switch_utils.h, plus every byte < 0x20 or > 0x7E.
const UNSAFE = new Uint8Array(256);
for (let b = 0; b < 256; b++) UNSAFE[b] = b < 0x20 || b > 0x7e ? 1 : 0;
for (const c of "\r\n #%&+:;<=>?@[\\]^`{|}\"") UNSAFE[c.charCodeAt(0)] = 1;
const HEX_UPPER = "0123456789ABCDEF";

function isUpperHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * switch_url_encode exactly, over the value's UTF-8 bytes: `%XX` (uppercase) for bytes < 0x20, > 0x7E and
 * `` \r\n #%&+:;<=>?@[\]^`{|}" ``; everything else literal. Quirk kept on purpose: a `%` already followed by
 * two UPPERCASE hex digits is passed through un-encoded (FreeSWITCH avoids double-encoding), so decoding is
 * not always the inverse ("%41" is sent as "%41" and reads back as "A").
 * An empty result is written as `_undef_` by the event serializer, not here.
 */
export function encodeHeaderValue(value: string): string {
  const len = value.length;
  let i = 0;
  // Fast path: most values (uuids, numbers, names) need no encoding at all.
  for (; i < len; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7e || UNSAFE[c] === 1) break;
  }
  if (i === len) return value;
  const bytes = Buffer.from(value, "utf8");
  let out = value.slice(0, i); // ASCII prefix: bytes and chars coincide
  const n = bytes.length;
  for (let p = i; p < n; p++) {
    const b = bytes[p]!;
    // `e - p > 1` in the C source: two more bytes must exist after the '%'.
    if (b === 0x25 && p + 2 < n && isUpperHex(bytes[p + 1]!) && isUpperHex(bytes[p + 2]!)) {
      out += "%";
    } else if (UNSAFE[b] === 1) {
      out += "%" + HEX_UPPER[b >> 4]! + HEX_UPPER[b & 0x0f]!;
    } else {
      out += String.fromCharCode(b);
    }
  }
  return out;
}

/**
 * The inverse FreeSWITCH clients apply: `%XX` (either case) → byte, the bytes read as UTF-8. Never throws:
 * a `%` not followed by two hex digits stays a literal `%` (decodeURIComponent would throw, which is one of
 * modesl's faults), and invalid UTF-8 becomes U+FFFD. `_undef_` is FreeSWITCH's spelling of an empty value.
 */
export function decodeHeaderValue(raw: string): string {
  if (raw.indexOf("%") === -1) return raw === "_undef_" ? "" : raw;
  const src = Buffer.from(raw, "utf8");
  const n = src.length;
  const out = Buffer.allocUnsafe(n);
  let o = 0;
  for (let p = 0; p < n; p++) {
    const b = src[p]!;
    if (b === 0x25 && p + 2 < n) {
      const hi = hexValue(src[p + 1]!);
      const lo = hi === -1 ? -1 : hexValue(src[p + 2]!);
      if (lo !== -1) {
        out[o++] = (hi << 4) | lo;
        p += 2;
        continue;
      }
    }
    out[o++] = b;
  }
  return out.toString("utf8", 0, o);
}

// ---------------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------------

export type EslEventFormat = "plain" | "json";

/**
 * One FreeSWITCH event. Headers keep wire order and duplicates (CHANNEL_HANGUP_COMPLETE carries Hangup-Cause
 * twice, CODEC repeats Channel-Write-Codec-*): `get` returns the first, `getAll` every one, `headers` all.
 *
 * Built for the read path's volume: an event is ~150 headers and ~3 KB, and dispatch reads a handful of
 * them, mostly near the top. So a plain event is kept as one latin1 string and nothing is split up front;
 * even the blank line that ends the headers is not searched for (that alone is a scan of the whole event).
 * `get` finds `\n<Name>:` in the string (values are URL-encoded, so they never contain a line break and the
 * match is exact), and checks only the stretch between the last verified match and this one for the blank
 * line, so a match inside the event's body is never taken for a header. The string is split into pairs
 * only when every header is wanted (`headers`, `getAll`, `size`) or after many lookups, when an index map
 * pays off. A value is decoded only if it contains `%` or is `_undef_`; the body is cut out on first use.
 */
export class EslEvent {
  /** Plain events: the whole event as latin1 (one char per byte): header lines, blank line, body. */
  private text: string | undefined;
  /** Plain events: text[0 .. clean] is known to hold no blank line. */
  private clean = 0;
  /** Plain events: index of the "\n\n" that ends the header lines, once known. */
  private headerEnd = -1;
  private bodyValue: string | undefined;
  private bodyKnown: boolean;
  private names: string[] | undefined;
  private rawValues: string[] | undefined;
  private index: Map<string, number> | undefined;
  private lookups = 0;
  private headerPairs: EslHeader[] | undefined;

  private constructor(
    /** How the event arrived; plain-mode values are URL-encoded on the wire, json ones are not. */
    readonly format: EslEventFormat,
    body: string | undefined,
    bodyKnown: boolean,
  ) {
    this.bodyValue = body;
    this.bodyKnown = bodyKnown;
  }

  /** A text/event-plain body as bytes: `Name: value` lines (values URL-encoded), a blank line, the body. */
  static fromPlain(bytes: Buffer): EslEvent {
    const ev = new EslEvent("plain", undefined, false);
    ev.text = bytes.toString("latin1");
    return ev;
  }

  /** Headers in order and a body (json mode, or events built in code). Values are taken as they are. */
  static fromHeaders(headers: EslHeaderInput, body?: string, format: EslEventFormat = "json"): EslEvent {
    const pairs = pairsOf(headers);
    const ev = new EslEvent(format, body, true);
    ev.names = pairs.map(([n]) => n);
    ev.rawValues = pairs.map(([, v]) => (format === "plain" ? encodeHeaderValue(v) : v));
    return ev;
  }

  /** parseEventJson's result: names and values in order, already unescaped. */
  static fromJsonArrays(names: string[], values: string[], body?: string): EslEvent {
    const ev = new EslEvent("json", body, true);
    ev.names = names;
    ev.rawValues = values;
    return ev;
  }

  /** The event's own body (BACKGROUND_JOB result, …), undefined when it has none. */
  get body(): string | undefined {
    if (!this.bodyKnown) {
      this.bodyKnown = true;
      this.bodyValue = this.plainBody();
    }
    return this.bodyValue;
  }

  /** Event-Name (e.g. CHANNEL_ANSWER, CUSTOM). */
  get name(): string {
    return this.get("Event-Name") ?? "";
  }

  /** Event-Subclass of CUSTOM events (e.g. conference::maintenance), decoded. */
  get subclass(): string | undefined {
    return this.get("Event-Subclass");
  }

  /** Unique-ID: the channel the event is about, if any. */
  get uniqueId(): string | undefined {
    return this.get("Unique-ID");
  }

  /** Job-UUID of BACKGROUND_JOB events. */
  get jobUuid(): string | undefined {
    return this.get("Job-UUID");
  }

  /** Number of headers, duplicates included. */
  get size(): number {
    return this.split().names.length;
  }

  /** All headers in wire order, decoded (built once, on first use). */
  get headers(): ReadonlyArray<EslHeader> {
    if (this.headerPairs === undefined) {
      const { names, values } = this.split();
      const pairs: EslHeader[] = new Array(names.length);
      for (let i = 0; i < names.length; i++) pairs[i] = [names[i]!, this.decode(values[i]!)];
      this.headerPairs = pairs;
    }
    return this.headerPairs;
  }

  /** First value of the header, decoded; undefined when absent. */
  get(name: string): string | undefined {
    const raw = this.raw(name);
    return raw === undefined ? undefined : this.decode(raw);
  }

  /** Every value of the header in wire order, decoded. */
  getAll(name: string): string[] {
    const { names, values } = this.split();
    const out: string[] = [];
    for (let i = 0; i < names.length; i++) if (names[i] === name) out.push(this.decode(values[i]!));
    return out;
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  /** A channel variable: `variable("billsec")` reads the `variable_billsec` header. */
  variable(name: string): string | undefined {
    return this.get("variable_" + name);
  }

  /** The first value exactly as received (still URL-encoded in plain mode). */
  raw(name: string): string | undefined {
    if (this.index === undefined && this.text !== undefined && ++this.lookups <= 24 && name !== "Content-Length") {
      return this.findPlain(name);
    }
    if (this.index === undefined) {
      // Many lookups on one event (a CDR builder reading dozens of variables): index it once.
      const { names } = this.split();
      const index = new Map<string, number>();
      for (let i = names.length - 1; i >= 0; i--) index.set(names[i]!, i); // first occurrence wins
      this.index = index;
    }
    const i = this.index.get(name);
    return i === undefined ? undefined : this.rawValues![i];
  }

  private decode(raw: string): string {
    if (this.format === "json") return raw;
    return raw.indexOf("%") === -1 && raw !== "_undef_" ? raw : decodeHeaderValue(raw);
  }

  /** The raw value of the first `Name: value` line of a plain event's header block. */
  private findPlain(name: string): string | undefined {
    const text = this.text!;
    let needle = needles.get(name);
    if (needle === undefined) {
      needle = name + ":";
      if (needles.size < 4096) needles.set(name, needle);
    }
    // Search for "Name:" and keep only a match at a line start. Searching "\nName:" instead is ~10x slower:
    // V8 scans for the needle's first character, and a line break starts every header line.
    let lineStart = text.indexOf(needle);
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 0x0a) lineStart = text.indexOf(needle, lineStart + 1);
    if (lineStart === -1) return undefined;
    if (lineStart > 0) {
      const nl = lineStart - 1;
      if (this.headerEnd !== -1) {
        if (nl >= this.headerEnd) return undefined; // a line of the body, not a header
      } else if (nl > this.clean) {
        // Only the stretch not yet verified is searched for the blank line (pairs ending at `nl` included).
        const q = text.slice(this.clean, nl + 1).indexOf("\n\n");
        if (q !== -1) {
          this.headerEnd = this.clean + q;
          return undefined;
        }
        this.clean = nl;
      }
    }
    let v = lineStart + name.length + 1;
    if (text.charCodeAt(v) === 0x20) v++;
    let e = text.indexOf("\n", v);
    if (e === -1) e = text.length;
    return text.slice(v, e);
  }

  private findHeaderEnd(): number {
    if (this.headerEnd === -1) {
      const text = this.text!;
      const at = text.indexOf("\n\n", this.clean);
      this.headerEnd = at !== -1 ? at : text.endsWith("\n") ? text.length - 1 : text.length;
    }
    return this.headerEnd;
  }

  /** Start of the last header line when it is the body marker `Content-Length: M`, else -1. */
  private bodyMarker(): number {
    const end = this.findHeaderEnd();
    const lineStart = this.text!.lastIndexOf("\n", end - 1) + 1;
    return this.text!.startsWith("Content-Length:", lineStart) ? lineStart : -1;
  }

  private plainBody(): string | undefined {
    const text = this.text!;
    const marker = this.bodyMarker();
    if (marker === -1) return undefined;
    const end = this.headerEnd;
    const digits = text.slice(marker + 15, end).trim();
    const start = end + 2;
    // Lenient here (a getter should not throw): a garbled length takes the rest of the frame.
    const m = /^\d{1,12}$/.test(digits) ? Number(digits) : text.length - start;
    // latin1 gave one char per byte, so this is the body's exact bytes, now read as UTF-8.
    return Buffer.from(text.slice(start, Math.min(text.length, start + m)), "latin1").toString("utf8");
  }

  private split(): { names: string[]; values: string[] } {
    if (this.names === undefined) {
      const names: string[] = [];
      const values: string[] = [];
      const marker = this.bodyMarker();
      // The body marker is framing, not a header; the body is `body`.
      const blockEnd = marker === -1 ? this.headerEnd : Math.max(0, marker - 1);
      splitBlock(this.text!.slice(0, blockEnd), names, values);
      this.names = names;
      this.rawValues = values;
    }
    return { names: this.names, values: this.rawValues! };
  }
}

// "Name:" needles, built once per header name (the set of names code asks for is small and fixed).
const needles = new Map<string, string>();

/** `Name: value` lines → parallel arrays ("Name:" alone, or a line without a colon, gets ''). */
function splitBlock(text: string, names: string[], values: string[]): void {
  const len = text.length;
  let i = 0;
  while (i < len) {
    let nl = text.indexOf("\n", i);
    if (nl === -1) nl = len;
    if (nl > i) {
      const colon = text.indexOf(":", i);
      if (colon === -1 || colon > nl) {
        names.push(text.slice(i, nl));
        values.push("");
      } else {
        const v = text.charCodeAt(colon + 1) === 0x20 ? colon + 2 : colon + 1;
        names.push(text.slice(i, colon));
        values.push(v >= nl ? "" : text.slice(v, nl));
      }
    }
    i = nl + 1;
  }
}

/** True for the frames `parseEvent` accepts. */
export function isEventFrame(frame: EslFrame): boolean {
  const t = frame.contentType;
  return t === "text/event-plain" || t === "text/event-json";
}

/** An event frame (text/event-plain or text/event-json) → EslEvent. Throws EslProtocolError otherwise. */
export function parseEvent(frame: EslFrame): EslEvent {
  const type = frame.contentType;
  const body = frame.body ?? Buffer.alloc(0);
  if (type === "text/event-plain") return parseEventPlain(body);
  if (type === "text/event-json") return parseEventJson(body.toString("utf8"));
  throw new EslProtocolError(`not an event frame: Content-Type ${JSON.stringify(type)}`);
}

/**
 * A text/event-plain body: `Name: value\n` lines, a blank line, and — when the last header is
 * `Content-Length: M` — M raw bytes of event body. The inner Content-Length is not kept as a header (it is
 * framing, like the outer one); the body is `event.body`. Parsing is lazy (see EslEvent): this costs one
 * latin1 conversion, the rest is paid per header read.
 */
export function parseEventPlain(buf: Buffer): EslEvent {
  return EslEvent.fromPlain(buf);
}

/**
 * A text/event-json body. JSON.parse would keep only the LAST of duplicate keys, while plain mode (and
 * FreeSWITCH itself) keeps all; so the object is scanned here, keeping every key in order, and `get`
 * returns the first — the same answer in both modes. `"Content-Length"` + `"_body"` become `event.body`.
 * Values that are not strings (FreeSWITCH sends arrays for multi-value headers) are rendered as plain mode
 * renders them (`ARRAY::a|:b`).
 */
export function parseEventJson(text: string): EslEvent {
  const names: string[] = [];
  const values: string[] = [];
  if (!scanFlatStringObject(text, names, values)) {
    names.length = 0;
    values.length = 0;
    slowJsonPairs(text, names, values);
  }
  let body: string | undefined;
  let last = names.length - 1;
  if (last >= 0 && names[last] === "_body") {
    body = values[last];
    names.pop();
    values.pop();
    last--;
    if (last >= 0 && names[last] === "Content-Length") {
      names.pop();
      values.pop();
    }
  }
  return EslEvent.fromJsonArrays(names, values, body);
}

/** Fast scanner for FreeSWITCH's compact `{"k":"v",...}`; false when the text has any other shape. */
function scanFlatStringObject(text: string, names: string[], values: string[]): boolean {
  const len = text.length;
  if (len < 2 || text.charCodeAt(0) !== 0x7b /* { */) return false;
  let i = 1;
  if (text.charCodeAt(i) === 0x7d /* } */) return i + 1 === len;
  for (;;) {
    if (text.charCodeAt(i) !== 0x22) return false;
    const keyEnd = stringEnd(text, i + 1);
    if (keyEnd === -1 || text.charCodeAt(keyEnd + 1) !== 0x3a /* : */ || text.charCodeAt(keyEnd + 2) !== 0x22) return false;
    const valEnd = stringEnd(text, keyEnd + 3);
    if (valEnd === -1) return false;
    names.push(unescapeJson(text, i + 1, keyEnd));
    values.push(unescapeJson(text, keyEnd + 3, valEnd));
    i = valEnd + 1;
    const c = text.charCodeAt(i);
    if (c === 0x2c /* , */) {
      i++;
      continue;
    }
    return c === 0x7d && i + 1 === len;
  }
}

/** Index of the closing quote of a JSON string whose content starts at `from`, or -1. */
function stringEnd(text: string, from: number): number {
  let q = text.indexOf('"', from);
  while (q !== -1) {
    let bs = 0;
    for (let k = q - 1; k >= from && text.charCodeAt(k) === 0x5c; k--) bs++;
    if ((bs & 1) === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return -1;
}

function unescapeJson(text: string, start: number, end: number): string {
  const s = text.slice(start, end);
  return s.indexOf("\\") === -1 ? s : (JSON.parse('"' + s + '"') as string);
}

function slowJsonPairs(text: string, names: string[], values: string[]): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new EslProtocolError(`text/event-json body is not JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new EslProtocolError("text/event-json body is not a JSON object");
  }
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    names.push(k);
    values.push(
      typeof v === "string" ? v : Array.isArray(v) ? "ARRAY::" + v.map(String).join("|:") : v === null ? "" : String(v),
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Serializers: the frames FreeSWITCH 1.10.12 writes, byte for byte
// ---------------------------------------------------------------------------------------------------------

function pairsOf(headers: EslHeaderInput): ReadonlyArray<EslHeader> {
  if (!Array.isArray(headers)) return Object.entries(headers);
  if (headers.length === 0 || typeof headers[0] !== "string") return headers as ReadonlyArray<EslHeader>;
  const flat = headers as ReadonlyArray<string>;
  if (flat.length % 2 !== 0) throw new TypeError("flat header list needs an even number of entries (name, value, …)");
  const pairs: EslHeader[] = new Array(flat.length / 2);
  for (let i = 0; i < flat.length; i += 2) pairs[i / 2] = [flat[i]!, flat[i + 1]!];
  return pairs;
}

/**
 * An event in text/event-plain, with its outer frame: `Content-Length: N\nContent-Type: text/event-plain\n\n`
 * then switch_event_serialize: one `Name: <url-encoded value>\n` per header (an empty value as `_undef_`),
 * then `Content-Length: M\n\n<body>` when the body is non-empty, else `\n`. Header names are written as given.
 */
export function serializeEventPlain(headers: EslHeaderInput, body?: string): Buffer {
  let inner = "";
  for (const [name, value] of pairsOf(headers)) {
    const enc = encodeHeaderValue(value);
    inner += name + ": " + (enc === "" ? "_undef_" : enc) + "\n";
  }
  // switch_event_serialize writes the body only when strlen(body) > 0.
  if (body !== undefined && body.length > 0) inner += "Content-Length: " + Buffer.byteLength(body, "utf8") + "\n\n" + body;
  else inner += "\n";
  return eventFrame("text/event-plain", inner);
}

/**
 * An event in text/event-json, with its outer frame. The body is cJSON_PrintUnformatted of an object with
 * every header as a string (duplicates written twice, values NOT URL-encoded) and, when the event has a body
 * (even an empty one), `"Content-Length":"<bytes>","_body":"<body>"` last. cJSON escapes exactly what
 * JSON.stringify escapes for strings (`"` `\` and control characters, lowercase \u00xx), so JSON.stringify
 * is used per string.
 */
export function serializeEventJson(headers: EslHeaderInput, body?: string): Buffer {
  const parts: string[] = [];
  for (const [name, value] of pairsOf(headers)) parts.push(JSON.stringify(name) + ":" + JSON.stringify(value));
  if (body !== undefined) {
    parts.push('"Content-Length":' + JSON.stringify(String(Buffer.byteLength(body, "utf8"))));
    parts.push('"_body":' + JSON.stringify(body));
  }
  return eventFrame("text/event-json", "{" + parts.join(",") + "}");
}

function eventFrame(type: string, inner: string): Buffer {
  const payload = Buffer.from(inner, "utf8");
  const head = "Content-Length: " + payload.length + "\nContent-Type: " + type + "\n\n";
  const out = Buffer.allocUnsafe(head.length + payload.length);
  out.write(head, 0, "latin1");
  payload.copy(out, head.length);
  return out;
}

/** The greeting FreeSWITCH sends on connect. */
export function serializeAuthRequest(): Buffer {
  return Buffer.from("Content-Type: auth/request\n\n", "latin1");
}

/**
 * `Content-Type: command/reply\nReply-Text: <text>\n` + extra headers + `\n` (no Content-Length).
 * bgapi's reply is `serializeCommandReply("+OK Job-UUID: <id>", [["Job-UUID", "<id>"]])`.
 */
export function serializeCommandReply(replyText: string, extraHeaders: EslHeaderInput = []): Buffer {
  let s = "Content-Type: command/reply\nReply-Text: " + replyText + "\n";
  for (const [name, value] of pairsOf(extraHeaders)) s += name + ": " + value + "\n";
  return Buffer.from(s + "\n", "utf8");
}

/** `Content-Type: api/response\nContent-Length: N\n\n<body>`; the body is sent as is (usually ends in "\n"). */
export function serializeApiResponse(body: string | Buffer): Buffer {
  const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const head = Buffer.from("Content-Type: api/response\nContent-Length: " + payload.length + "\n\n", "latin1");
  return Buffer.concat([head, payload]);
}

/** What mod_event_socket sends before it closes (after `exit`'s `+OK bye`, or after `-ERR invalid`). */
export const DISCONNECT_NOTICE_TEXT = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

export function serializeDisconnectNotice(text: string = DISCONNECT_NOTICE_TEXT): Buffer {
  const payload = Buffer.from(text, "utf8");
  return Buffer.concat([
    Buffer.from("Content-Type: text/disconnect-notice\nContent-Length: " + payload.length + "\n\n", "latin1"),
    payload,
  ]);
}

export interface EslLogDataFields {
  /** Log-Level, e.g. 6 for INFO. */
  level: number;
  /** Text-Channel (3 = SWITCH_CHANNEL_ID_SESSION… as FreeSWITCH numbers them; the capture shows 3). */
  textChannel: number;
  file: string;
  func: string;
  line: number;
  /** User-Data; FreeSWITCH writes it even when empty (`User-Data: ` with the trailing space). */
  userData?: string;
}

/** A log/data frame (after `log <level>`); `text` is the formatted log line, usually ending in "\n". */
export function serializeLogData(fields: EslLogDataFields, text: string): Buffer {
  const payload = Buffer.from(text, "utf8");
  const head =
    "Content-Type: log/data\nContent-Length: " + payload.length +
    "\nLog-Level: " + fields.level +
    "\nText-Channel: " + fields.textChannel +
    "\nLog-File: " + fields.file +
    "\nLog-Func: " + fields.func +
    "\nLog-Line: " + fields.line +
    "\nUser-Data: " + (fields.userData ?? "") + "\n\n";
  return Buffer.concat([Buffer.from(head, "utf8"), payload]);
}

/**
 * Any frame written as given: the headers in order, a blank line, then the body. Content-Length is NOT
 * added; include it in `headers` where the frame type carries one. For frame types not covered above.
 */
export function serializeFrame(headers: EslHeaderInput, body?: string | Buffer): Buffer {
  let s = "";
  for (const [name, value] of pairsOf(headers)) s += name + ": " + value + "\n";
  const head = Buffer.from(s + "\n", "utf8");
  if (body === undefined) return head;
  return Buffer.concat([head, typeof body === "string" ? Buffer.from(body, "utf8") : body]);
}

/**
 * Re-serialize a received frame with the serializer for its type; used by the tests (a byte-identical
 * round trip of every captured frame) and handy for proxies/recorders. Unknown types go through
 * serializeFrame.
 */
export function reserializeFrame(frame: EslFrame): Buffer {
  switch (frame.contentType) {
    case "text/event-plain":
    case "text/event-json": {
      const ev = parseEvent(frame);
      return ev.format === "plain" ? serializeEventPlain(ev.headers, ev.body) : serializeEventJson(ev.headers, ev.body);
    }
    case "auth/request":
      return serializeAuthRequest();
    case "command/reply":
      return serializeCommandReply(frame.get("Reply-Text") ?? "", frame.headers.slice(2));
    case "api/response":
      return serializeApiResponse(frame.body ?? Buffer.alloc(0));
    case "text/disconnect-notice":
      return serializeDisconnectNotice(frame.bodyText);
    case "log/data":
      return serializeLogData(
        {
          level: Number(frame.get("Log-Level")),
          textChannel: Number(frame.get("Text-Channel")),
          file: frame.get("Log-File") ?? "",
          func: frame.get("Log-Func") ?? "",
          line: Number(frame.get("Log-Line")),
          userData: frame.get("User-Data") ?? "",
        },
        frame.bodyText,
      );
    default:
      return serializeFrame(frame.headers, frame.body);
  }
}
