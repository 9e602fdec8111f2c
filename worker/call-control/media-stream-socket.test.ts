// The Media Streams socket against a local WebSocket server: Twilio's messages in order, and each failure with its
// Twilio code (schema, malformed URL, the SSRF guard, a handshake that is not 101, binary or unknown messages).
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { env } from "@/env";
import { MediaStreamSocket, type MediaStreamSocketOptions, type StreamFailure } from "./media-stream-socket";

let wss: WebSocketServer;
let base: string;
const sockets: WebSocket[] = [];
const messages: string[] = [];

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((resolve) => wss.once("listening", resolve));
  base = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
  wss.on("connection", (ws) => {
    sockets.push(ws);
    ws.on("message", (data) => messages.push(String(data)));
  });
});

afterAll(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise((resolve) => wss.close(resolve));
});

function socket(over: Partial<MediaStreamSocketOptions> = {}) {
  const closed: (StreamFailure | null)[] = [];
  const s = new MediaStreamSocket({ url: `${base}/s`, accountSid: "AC1", callSid: "CA1", tracks: ["inbound"], customParameters: {}, bidirectional: true, onClosed: (f) => closed.push(f), ...over });
  return { s, closed };
}

describe("the media stream socket", () => {
  it("sends connected, start, media with per-track chunks, mark, dtmf and stop, with sequence numbers from start", async () => {
    messages.length = 0;
    const { s, closed } = socket({ customParameters: { a: "1" } });
    expect(await s.open()).toBeNull();
    s.sendMedia("inbound", Buffer.alloc(160, 0xff), 0);
    s.sendMedia("inbound", Buffer.alloc(160, 0xff), 20);
    s.sendMark("m1");
    s.sendDtmf("5");
    s.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const got = messages.map((m) => JSON.parse(m) as Record<string, unknown>);
    expect(got.map((m) => m.event)).toEqual(["connected", "start", "media", "media", "mark", "dtmf", "stop"]);
    expect(got[0]).toEqual({ event: "connected", protocol: "Call", version: "1.0.0" });
    expect(got.slice(1).map((m) => m.sequenceNumber)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(got[1]).toMatchObject({ streamSid: s.streamSid, start: { accountSid: "AC1", callSid: "CA1", streamSid: s.streamSid, customParameters: { a: "1" } } });
    expect(got[3]).toMatchObject({ media: { track: "inbound", chunk: "2", timestamp: "20", payload: Buffer.alloc(160, 0xff).toString("base64") } });
    expect(got[6]).toMatchObject({ stop: { accountSid: "AC1", callSid: "CA1" } });
    expect(closed).toEqual([null]);
  });

  it("takes media, mark and clear back on a bidirectional stream; a binary message is reported once (31950)", async () => {
    const media: Buffer[] = [];
    const marks: string[] = [];
    let clears = 0;
    const warnings: StreamFailure[] = [];
    const { s, closed } = socket({ onMedia: (b) => media.push(b), onMark: (n) => marks.push(n), onClear: () => clears++ });
    expect(await s.open()).toBeNull();
    s.onWarning = (w) => warnings.push(w);
    const server = sockets.at(-1)!;
    server.send(JSON.stringify({ event: "media", streamSid: s.streamSid, media: { payload: Buffer.from([1, 2, 3]).toString("base64") } }));
    server.send(JSON.stringify({ event: "mark", streamSid: s.streamSid, mark: { name: "here" } }));
    server.send(JSON.stringify({ event: "clear", streamSid: s.streamSid }));
    server.send(Buffer.from([0, 1]), { binary: true });
    server.send(Buffer.from([0, 1]), { binary: true });
    server.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(media).toEqual([Buffer.from([1, 2, 3])]);
    expect(marks).toEqual(["here"]);
    expect(clears).toBe(1);
    expect(warnings.map((w) => w.code)).toEqual([31950]);
    expect(closed).toEqual([null]);
  });

  it("a one-way stream refuses what the server sends back (31924)", async () => {
    const warnings: StreamFailure[] = [];
    const media: Buffer[] = [];
    const { s } = socket({ bidirectional: false, onMedia: (b) => media.push(b) });
    expect(await s.open()).toBeNull();
    s.onWarning = (w) => warnings.push(w);
    sockets.at(-1)!.send(JSON.stringify({ event: "media", media: { payload: "AAAA" } }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(warnings.map((w) => w.code)).toEqual([31924]);
    expect(media).toEqual([]);
    s.stop();
  });

  it("refuses with Twilio's codes: not a WebSocket URL, malformed, a private address, an HTTP answer", async () => {
    expect((await socket({ url: "https://example.com/s" }).s.open())?.code).toBe(31922);
    expect((await socket({ url: "wss://" }).s.open())?.code).toBe(31923);
    const privateAddress = await socket({ url: "wss://192.168.1.10/s" }).s.open();
    expect(privateAddress).toMatchObject({ code: 31902, message: expect.stringContaining("private") });
    // ws:// only for hosts exempt from the guard (local tests); anywhere else a stream needs wss.
    expect((await socket({ url: "ws://example.com/s" }).s.open())?.code).toBe(31902);
    const http = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const handshake = await socket({ url: `ws://127.0.0.1:${(http.address() as { port: number }).port}/s` }).s.open();
    expect(handshake).toMatchObject({ code: 31920, message: expect.stringContaining("HTTP 404") });
    await new Promise((resolve) => http.close(resolve));
  });
});
