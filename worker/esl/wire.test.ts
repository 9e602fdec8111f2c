import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeHeaderValue,
  encodeHeaderValue,
  EslProtocolError,
  FrameReader,
  isEventFrame,
  parseEvent,
  reserializeFrame,
  serializeApiResponse,
  serializeCommandReply,
  serializeDisconnectNotice,
  serializeEventJson,
  serializeEventPlain,
  serializeLogData,
  type EslEvent,
  type EslFrame,
} from "./wire";

const FIXTURES = path.resolve(import.meta.dirname, "../../freeswitch/fixtures/esl");
const fixtureDirs = readdirSync(FIXTURES).filter((d) => /^\d\d-/.test(d));
const load = (dir: string): Buffer => readFileSync(path.join(FIXTURES, dir, "events.txt"));

function framesOf(bytes: Buffer, chunkSizes?: () => number): { frames: EslFrame[]; reader: FrameReader } {
  const frames: EslFrame[] = [];
  const reader = new FrameReader((f) => frames.push(f));
  if (!chunkSizes) {
    reader.push(bytes);
  } else {
    for (let pos = 0; pos < bytes.length; ) {
      const n = Math.max(1, chunkSizes());
      // Copy each chunk, as a socket would hand over fresh memory.
      reader.push(Buffer.from(bytes.subarray(pos, pos + n)));
      pos += n;
    }
  }
  return { frames, reader };
}

function eventsOf(dir: string): EslEvent[] {
  return framesOf(load(dir)).frames.filter(isEventFrame).map(parseEvent);
}

/** Small deterministic PRNG (mulberry32) so a failing split is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const flat = (frames: EslFrame[]) => frames.map((f) => ({ headers: f.headers, body: f.body?.toString("latin1") }));

describe("round trip of every captured session", () => {
  it.each(fixtureDirs)("%s re-serializes byte-identically", (dir) => {
    const bytes = load(dir);
    const { frames, reader } = framesOf(bytes);
    expect(frames.length).toBeGreaterThan(0);
    expect(reader.bufferedBytes).toBe(0);
    expect(Buffer.concat(frames.map(reserializeFrame)).equals(bytes)).toBe(true);
  });
});

describe("FrameReader", () => {
  it.each(fixtureDirs)("%s: random chunk boundaries give the same frames", (dir) => {
    const bytes = load(dir);
    const whole = flat(framesOf(bytes).frames);
    for (const [seed, max] of [
      [1, 7],
      [2, 100],
      [3, 1500],
      [4, 70_000],
    ] as const) {
      const rand = rng(seed * 7919 + dir.length);
      const { frames, reader } = framesOf(bytes, () => Math.ceil(rand() * max));
      expect(flat(frames)).toEqual(whole);
      expect(reader.bufferedBytes).toBe(0);
    }
  });

  it("one byte at a time, including the blank line split across chunks", () => {
    const bytes = load("18-control-commands");
    const { frames } = framesOf(bytes, () => 1);
    expect(flat(frames)).toEqual(flat(framesOf(bytes).frames));
  });

  it("frames a body without a trailing newline followed at once by the next frame", () => {
    const frames = framesOf(load("18-control-commands")).frames;
    const hostname = frames.find((f) => f.contentType === "api/response" && f.bodyText === "fs-test");
    expect(hostname).toBeDefined();
    const next = frames[frames.indexOf(hostname!) + 1]!;
    expect(next.contentType).toBe("command/reply");
    expect(next.get("Reply-Text")).toBe("+OK bye");
  });

  it("reads every frame type of the capture", () => {
    const frames = framesOf(load("18-control-commands")).frames;
    const types = new Set(frames.map((f) => f.contentType));
    expect([...types].sort()).toEqual(
      ["api/response", "auth/request", "command/reply", "log/data", "text/disconnect-notice", "text/event-json", "text/event-plain"].sort(),
    );
    const bg = frames.find((f) => f.get("Job-UUID") === "f1c4e2b0-0000-4000-8000-000000000018" && f.contentType === "command/reply");
    expect(bg?.get("Reply-Text")).toBe("+OK Job-UUID: f1c4e2b0-0000-4000-8000-000000000018");
    const log = frames.find((f) => f.contentType === "log/data")!;
    expect(log.get("User-Data")).toBe("");
    expect(log.get("Log-Level")).toBe("6");
    expect(log.bodyText).toContain("ESL fixture log line");
  });

  it("rejects a Content-Length that is not a number instead of desynchronising", () => {
    const reader = new FrameReader(() => {});
    expect(() => reader.push(Buffer.from("Content-Type: api/response\nContent-Length: 12abc\n\n"))).toThrow(EslProtocolError);
  });

  it("rejects an endless header block", () => {
    const reader = new FrameReader(() => {}, { maxHeaderBytes: 100 });
    expect(() => {
      for (let i = 0; i < 20; i++) reader.push(Buffer.from("X-Junk: 0123456789\n"));
    }).toThrow(EslProtocolError);
  });

  it("keeps a partial frame across pushes and resets on demand", () => {
    const frames: EslFrame[] = [];
    const reader = new FrameReader((f) => frames.push(f));
    reader.push(Buffer.from("Content-Type: api/response\nContent-Length: 10\n\n+OK"));
    expect(frames).toHaveLength(0);
    expect(reader.bufferedBytes).toBe(3);
    reader.reset();
    reader.push(serializeApiResponse("+OK Success\n"));
    expect(frames.map((f) => f.bodyText)).toEqual(["+OK Success\n"]);
  });
});

describe("URL encoding (switch_url_encode)", () => {
  it("encodes exactly the unsafe set, uppercase", () => {
    expect(encodeHeaderValue("2026-11-25 08:18:27")).toBe("2026-11-25%2008%3A18%3A27");
    expect(encodeHeaderValue("sofia/external/1000@127.0.0.1:5070")).toBe("sofia/external/1000%40127.0.0.1%3A5070");
    expect(encodeHeaderValue("tone_stream://%(2000,0,600)")).toBe("tone_stream%3A//%25(2000,0,600)");
    expect(encodeHeaderValue("#")).toBe("%23");
    expect(encodeHeaderValue("conference::maintenance")).toBe("conference%3A%3Amaintenance");
    expect(encodeHeaderValue("a\r\nb")).toBe("a%0D%0Ab");
    expect(encodeHeaderValue('\r\n #%&+:;<=>?@[\\]^`{|}"')).toBe(
      "%0D%0A%20%23%25%26%2B%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D%22",
    );
    // Literal: / , ( ) ! * ' $ - . _ ~ and alphanumerics.
    expect(encodeHeaderValue("/,()!*'$-._~AZaz09")).toBe("/,()!*'$-._~AZaz09");
    expect(encodeHeaderValue("\x01\x7f")).toBe("%01%7F");
    expect(encodeHeaderValue("é")).toBe("%C3%A9");
  });

  it("passes an already-encoded %XX (uppercase hex) through, so decode is not always its inverse", () => {
    expect(encodeHeaderValue("%41")).toBe("%41");
    expect(decodeHeaderValue(encodeHeaderValue("%41"))).toBe("A");
    expect(encodeHeaderValue("100%2F")).toBe("100%2F");
    // Lowercase hex, one digit, or too close to the end: encoded.
    expect(encodeHeaderValue("%4a")).toBe("%254a");
    expect(encodeHeaderValue("%4g")).toBe("%254g");
    expect(encodeHeaderValue("50%")).toBe("50%25");
    expect(encodeHeaderValue("%4")).toBe("%254");
  });

  it("decodes without ever throwing on a stray %", () => {
    for (const s of ["%", "100%", "%zz", "%4", "a%%b", "%E9", "%C3%A9", "%c3%a9"]) {
      expect(() => decodeHeaderValue(s)).not.toThrow();
    }
    expect(decodeHeaderValue("100%")).toBe("100%");
    expect(decodeHeaderValue("%zz")).toBe("%zz");
    expect(decodeHeaderValue("%C3%A9")).toBe("é");
    expect(decodeHeaderValue("%c3%a9")).toBe("é");
    expect(decodeHeaderValue("%E9")).toBe("\ufffd"); // a lone Latin-1 byte is not UTF-8
    expect(decodeHeaderValue("a+b")).toBe("a+b"); // FreeSWITCH does not use '+' for space
  });

  it("reads _undef_ as an empty value and writes an empty value as _undef_", () => {
    expect(decodeHeaderValue("_undef_")).toBe("");
    const frame = serializeEventPlain([
      ["Event-Name", "CUSTOM"],
      ["Empty", ""],
    ]).toString();
    expect(frame).toContain("Empty: _undef_\n");
    const ev = parseEvent(framesOf(Buffer.from(frame)).frames[0]!);
    expect(ev.get("Empty")).toBe("");
    expect(ev.raw("Empty")).toBe("_undef_");
  });
});

describe("events", () => {
  const plain = eventsOf("01-originate-park-kill");

  it("keeps duplicate headers in order; get returns the first", () => {
    const hangup = plain.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!;
    expect(hangup.getAll("Hangup-Cause")).toEqual(["NORMAL_CLEARING", "NORMAL_CLEARING"]);
    expect(hangup.get("Hangup-Cause")).toBe("NORMAL_CLEARING");
    const codec = plain.find((e) => e.name === "CODEC" && e.getAll("Channel-Write-Codec-Name").length === 2);
    expect(codec).toBeDefined();
    expect(hangup.headers.filter(([n]) => n === "Hangup-Cause")).toHaveLength(2);
  });

  it("decodes values lazily and exposes helpers", () => {
    const out = plain.find((e) => e.name === "CHANNEL_OUTGOING")!;
    expect(out.raw("Channel-Name")).toBe("sofia/external/1000%40127.0.0.1%3A5070");
    expect(out.get("Channel-Name")).toBe("sofia/external/1000@127.0.0.1:5070");
    expect(out.get("Event-Date-Local")).toBe("2026-11-25 08:18:27");
    expect(out.uniqueId).toBe("d520e8f8-c076-45d9-a363-d06d35dcc003");
    expect(out.get("No-Such-Header")).toBeUndefined();
    // Past the first few lookups the index map takes over; answers must not change.
    for (let i = 0; i < 10; i++) expect(out.get("Unique-ID")).toBe(out.uniqueId);
    const hangup = plain.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!;
    expect(hangup.variable("billsec")).toMatch(/^\d+$/);
    expect(hangup.variable("hangup_cause_q850")).toBe("16");
  });

  it("reads a BACKGROUND_JOB's nested body, byte-counted", () => {
    const busy = eventsOf("03-busy-486").find((e) => e.name === "BACKGROUND_JOB")!;
    expect(busy.body).toBe("-ERR USER_BUSY\n");
    expect(busy.has("Content-Length")).toBe(false);
    expect(busy.get("Job-Command")).toBe("originate");
    const ok = plain.find((e) => e.name === "BACKGROUND_JOB")!;
    expect(ok.body).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
    expect(ok.jobUuid).toBe("daf03af0-2c3d-4720-8f67-22049604efa6");
  });

  it("reads CUSTOM events' subclass", () => {
    const conf = eventsOf("10-conference").find((e) => e.name === "CUSTOM")!;
    expect(conf.subclass).toBe("conference::maintenance");
    const reg = eventsOf("12-register-unregister").find((e) => e.subclass === "sofia::register")!;
    expect(reg.get("profile-name")).toBe("internal");
  });

  it("never takes a line of the event's body for a header (lazy lookups stop at the blank line)", () => {
    // A bgapi uuid_dump result looks like headers; none of it may leak into the event's own headers.
    const body = "Unique-ID: not-a-header\nChannel-Name: sofia/x\nEvent-Name: CHANNEL_DATA\n\n";
    const headers = [
      ["Event-Name", "BACKGROUND_JOB"],
      ["Job-UUID", "j-1"],
      ["Job-Command", "uuid_dump"],
    ] as const;
    const lookupOrders = [
      ["Unique-ID", "Job-UUID", "Channel-Name"],
      ["Job-Command", "Channel-Name", "Unique-ID", "Job-UUID"],
      ["Channel-Name", "Job-Command"],
    ];
    for (const order of lookupOrders) {
      const ev = parseEvent(framesOf(serializeEventPlain(headers, body)).frames[0]!);
      for (const name of order) {
        const expected = headers.find(([n]) => n === name)?.[1];
        expect(ev.get(name), name).toBe(expected);
      }
      expect(ev.name).toBe("BACKGROUND_JOB");
      expect(ev.body).toBe(body);
      expect(ev.size).toBe(3);
    }
    // The body's first line sits right after the blank line.
    const ev = parseEvent(framesOf(serializeEventPlain([["Event-Name", "X"]], "Y-Header: 1\n")).frames[0]!);
    expect(ev.get("Y-Header")).toBeUndefined();
    expect(ev.body).toBe("Y-Header: 1\n");
  });

  it("answers the same before and after switching to the index map", () => {
    const hangup = eventsOf("02-remote-bye").find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!;
    const names = [...new Set(hangup.headers.map(([n]) => n))];
    expect(names.length).toBeGreaterThan(60);
    const fresh = eventsOf("02-remote-bye").find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!;
    for (const name of [...names, "Absent-1", "Absent-2"]) {
      expect(fresh.get(name), name).toBe(hangup.headers.find(([n]) => n === name)?.[1]);
    }
    expect(fresh.variable("sip_term_status")).toBe("200");
  });

  it("carries a multi-byte UTF-8 body and value through both serializers", () => {
    const headers = [
      ["Event-Name", "BACKGROUND_JOB"],
      ["Caller-Caller-ID-Name", "Zoë Ñúñez"],
    ] as const;
    for (const ser of [serializeEventPlain, serializeEventJson]) {
      const ev = parseEvent(framesOf(ser(headers, "+OK café ☎\n")).frames[0]!);
      expect(ev.get("Caller-Caller-ID-Name")).toBe("Zoë Ñúñez");
      expect(ev.body).toBe("+OK café ☎\n");
    }
  });
});

describe("json mode (fixture 16)", () => {
  const json = eventsOf("16-originate-park-kill-json");

  it("keeps duplicate JSON keys like plain mode keeps duplicate headers (JSON.parse would keep only the last)", () => {
    const hangup = json.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!;
    expect(hangup.format).toBe("json");
    expect(hangup.getAll("Hangup-Cause")).toHaveLength(2);
  });

  it("takes values as they are (not URL-encoded) and the body from Content-Length/_body", () => {
    const first = json[0]!;
    expect(first.get("Event-Date-Local")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const bg = json.find((e) => e.name === "BACKGROUND_JOB")!;
    expect(bg.body).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
    expect(bg.has("_body")).toBe(false);
    expect(bg.has("Content-Length")).toBe(false);
  });

  it("gives the same headers as plain mode for the same event", () => {
    for (const ev of plain()) {
      const again = parseEvent(framesOf(serializeEventJson(ev.headers, ev.body)).frames[0]!);
      expect(again.headers).toEqual(ev.headers);
      expect(again.body).toEqual(ev.body);
    }
    function plain() {
      return eventsOf("09-bridge");
    }
  });

  it("falls back to a full JSON parse for shapes other than a flat string object", () => {
    const body = '{ "Event-Name": "CUSTOM", "Multi": ["a", "b"], "N": 5 }';
    const frame = Buffer.from(`Content-Length: ${body.length}\nContent-Type: text/event-json\n\n${body}`);
    const ev = parseEvent(framesOf(frame).frames[0]!);
    expect(ev.name).toBe("CUSTOM");
    expect(ev.get("Multi")).toBe("ARRAY::a|:b");
    expect(ev.get("N")).toBe("5");
  });
});

describe("serializers", () => {
  it("write the frames FreeSWITCH writes", () => {
    expect(serializeCommandReply("+OK Job-UUID: x", [["Job-UUID", "x"]]).toString()).toBe(
      "Content-Type: command/reply\nReply-Text: +OK Job-UUID: x\nJob-UUID: x\n\n",
    );
    expect(serializeApiResponse("true").toString()).toBe("Content-Type: api/response\nContent-Length: 4\n\ntrue");
    expect(serializeDisconnectNotice().toString()).toBe(
      "Content-Type: text/disconnect-notice\nContent-Length: 67\n\nDisconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n",
    );
    expect(
      serializeLogData({ level: 6, textChannel: 3, file: "mod_commands.c", func: "log_function", line: 7200 }, "x\n").toString(),
    ).toBe(
      "Content-Type: log/data\nContent-Length: 2\nLog-Level: 6\nText-Channel: 3\nLog-File: mod_commands.c\nLog-Func: log_function\nLog-Line: 7200\nUser-Data: \n\nx\n",
    );
  });

  it("plain: an empty body is not written (strlen check), json: it is", () => {
    expect(serializeEventPlain({ "Event-Name": "X" }, "").toString()).toBe(
      "Content-Length: 15\nContent-Type: text/event-plain\n\nEvent-Name: X\n\n",
    );
    expect(serializeEventJson({ "Event-Name": "X" }, "").toString()).toContain('"Content-Length":"0","_body":""}');
  });
});
