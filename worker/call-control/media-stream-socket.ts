// One Twilio Media Stream's WebSocket to the tenant's server (twilio.com/docs/voice/media-streams/websocket-messages):
// `connected`, `start` (streamSid, callSid, accountSid, tracks, customParameters, mediaFormat audio/x-mulaw 8000 1),
// `media` (track, chunk, timestamp in ms from the stream's start, payload: base64 μ-law), `mark`, `dtmf`, `stop`;
// the server may send `media`, `mark` and `clear` back (a bidirectional stream only). The URL passes the webhooks'
// SSRF guard before the handshake and again when the socket connects (guardedLookup), so a name rebound to a private
// address is refused. Failures carry Twilio's stream error codes (twilio.com/docs/api/errors/319xx).
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { assertUrlTargetAllowed, guardedLookup, UnresolvableHostError, UnsafeWebhookTargetError } from "@/server/webhooks/ssrf-guard";

export const STREAM_ERROR_CODES = {
  connectionRefused: 31902, // Stream - WebSocket - Connection Refused (also a refused, private address)
  tls: 31910, // Stream - WebSocket - SSL Protocol Error
  handshake: 31920, // Stream - WebSocket - Handshake Error (an HTTP status other than 101)
  schema: 31922, // Stream - WebSocket - URL Schema Not Supported
  malformedUrl: 31923, // Stream - WebSocket - Malformed URL
  protocol: 31924, // Stream - WebSocket - Protocol Error (a message a stream does not take)
  malformedMessage: 31950, // Stream - Protocol - Malformed Message (binary or not JSON)
  invalidMessage: 31951, // Stream - Protocol - Invalid Message
} as const;

export type StreamTrack = "inbound" | "outbound";

export interface StreamFailure {
  code: number;
  message: string;
}

export interface MediaStreamSocketOptions {
  url: string;
  accountSid: string;
  callSid: string;
  tracks: StreamTrack[];
  customParameters: Record<string, string>;
  /** A bidirectional stream (<Connect>) takes media, mark and clear back; a one-way stream refuses them. */
  bidirectional: boolean;
  onMedia?: (mulaw: Buffer) => void;
  onMark?: (name: string) => void;
  onClear?: () => void;
  /** The socket closed (by the server, an error, or stop()); `failure` when it was not a clean end. */
  onClosed: (failure: StreamFailure | null) => void;
  handshakeTimeoutMs?: number;
}

/** `MZ` + 32 hex, as Twilio's stream sids. */
export function newStreamSid(): string {
  return `MZ${randomUUID().replace(/-/g, "")}`;
}

export class MediaStreamSocket {
  readonly streamSid = newStreamSid();
  private ws: WebSocket | null = null;
  private sequence = 0;
  private readonly chunks: Record<StreamTrack, number> = { inbound: 0, outbound: 0 };
  private closed = false;
  private stopSent = false;
  /** A protocol fault seen on the server's messages (reported once, as Twilio does). */
  private warned = false;

  constructor(private readonly opts: MediaStreamSocketOptions) {}

  /** Opens the socket and sends connected + start; resolves with the failure, or null once the stream is up. */
  async open(): Promise<StreamFailure | null> {
    let url: URL;
    try {
      url = new URL(this.opts.url);
    } catch {
      return this.fail({ code: STREAM_ERROR_CODES.malformedUrl, message: `${this.opts.url} is not a URL` });
    }
    if (url.protocol !== "wss:" && url.protocol !== "ws:") return this.fail({ code: STREAM_ERROR_CODES.schema, message: `${url.protocol} URLs cannot stream: use wss` });
    try {
      // The guard speaks http(s): ws:// is judged as http:// (only for hosts exempt from the guard), wss:// as https://.
      await assertUrlTargetAllowed(new URL(url.href.replace(/^ws/, "http")));
    } catch (err) {
      if (err instanceof UnresolvableHostError) return this.fail({ code: STREAM_ERROR_CODES.connectionRefused, message: err.message });
      if (err instanceof UnsafeWebhookTargetError) return this.fail({ code: STREAM_ERROR_CODES.connectionRefused, message: err.message });
      throw err;
    }
    const ws = new WebSocket(url, { handshakeTimeout: this.opts.handshakeTimeoutMs ?? 5000, lookup: guardedLookup(), perMessageDeflate: false, followRedirects: false });
    this.ws = ws;
    const opened = await new Promise<StreamFailure | null>((resolve) => {
      ws.once("open", () => resolve(null));
      ws.once("unexpected-response", (_req, res) => {
        resolve({ code: STREAM_ERROR_CODES.handshake, message: `${this.opts.url} answered HTTP ${res.statusCode ?? "?"} instead of switching to WebSocket` });
        res.resume();
        ws.terminate();
      });
      ws.once("error", (err) => resolve(describeSocketError(this.opts.url, err)));
    });
    if (opened) return this.fail(opened);
    ws.on("message", (data, isBinary) => this.onMessage(data, isBinary));
    ws.on("error", () => undefined);
    ws.on("close", () => this.finish(null));
    this.send({ event: "connected", protocol: "Call", version: "1.0.0" });
    this.send({
      event: "start",
      start: {
        accountSid: this.opts.accountSid,
        streamSid: this.streamSid,
        callSid: this.opts.callSid,
        tracks: this.opts.tracks,
        customParameters: this.opts.customParameters,
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    });
    return null;
  }

  get isOpen(): boolean {
    return !this.closed && this.ws?.readyState === WebSocket.OPEN;
  }

  /** 20 ms of μ-law (160 bytes) from one track; `timestampMs` counts from the stream's start. */
  sendMedia(track: StreamTrack, mulaw: Buffer, timestampMs: number): void {
    if (!this.isOpen) return;
    this.chunks[track]++;
    this.send({ event: "media", media: { track, chunk: String(this.chunks[track]), timestamp: String(Math.round(timestampMs)), payload: mulaw.toString("base64") } });
  }

  /** A mark the server sent, echoed once the audio before it has played (or was cleared). */
  sendMark(name: string): void {
    if (this.isOpen) this.send({ event: "mark", mark: { name } });
  }

  sendDtmf(digit: string): void {
    if (this.isOpen) this.send({ event: "dtmf", dtmf: { track: "inbound_track", digit } });
  }

  /** Ends the stream from our side: `stop`, then a normal close. */
  stop(): void {
    if (this.closed) return;
    if (this.isOpen && !this.stopSent) {
      this.stopSent = true;
      this.send({ event: "stop", stop: { accountSid: this.opts.accountSid, callSid: this.opts.callSid } });
    }
    this.ws?.close(1000);
    this.finish(null);
  }

  private send(message: Record<string, unknown>): void {
    const { event, ...rest } = message;
    // `connected` carries neither a sequence number nor the stream's sid: `start` is sequence 1.
    if (event === "connected") return this.ws!.send(JSON.stringify(message));
    this.sequence++;
    this.ws!.send(JSON.stringify({ event, sequenceNumber: String(this.sequence), streamSid: this.streamSid, ...rest }));
  }

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (isBinary) return this.warn({ code: STREAM_ERROR_CODES.malformedMessage, message: "the server sent a binary message: messages are JSON text" });
    let message: { event?: unknown; media?: { payload?: unknown }; mark?: { name?: unknown } };
    try {
      message = JSON.parse(rawText(data)) as typeof message;
    } catch {
      return this.warn({ code: STREAM_ERROR_CODES.malformedMessage, message: "the server sent a message that is not JSON" });
    }
    if (!this.opts.bidirectional) return this.warn({ code: STREAM_ERROR_CODES.protocol, message: `the server sent "${String(message.event)}" on a one-way stream (<Start><Stream>): nothing is played back` });
    switch (message.event) {
      case "media":
        if (typeof message.media?.payload !== "string") return this.warn({ code: STREAM_ERROR_CODES.invalidMessage, message: "a media message without media.payload" });
        return this.opts.onMedia?.(Buffer.from(message.media.payload, "base64"));
      case "mark":
        if (typeof message.mark?.name !== "string") return this.warn({ code: STREAM_ERROR_CODES.invalidMessage, message: "a mark message without mark.name" });
        return this.opts.onMark?.(message.mark.name);
      case "clear":
        return this.opts.onClear?.();
      default:
        return this.warn({ code: STREAM_ERROR_CODES.protocol, message: `the server sent "${String(message.event)}": a stream takes media, mark and clear` });
    }
  }

  /** Faults in the server's messages: reported once per stream (Twilio's 31950 is), the stream goes on. */
  onWarning: ((failure: StreamFailure) => void) | null = null;

  private warn(failure: StreamFailure): void {
    if (this.warned) return;
    this.warned = true;
    this.onWarning?.(failure);
  }

  private fail(failure: StreamFailure): StreamFailure {
    this.closed = true;
    return failure;
  }

  private finish(failure: StreamFailure | null): void {
    if (this.closed) return;
    this.closed = true;
    this.opts.onClosed(failure);
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data as ArrayBuffer).toString("utf8");
}

function describeSocketError(url: string, err: Error & { code?: string }): StreamFailure {
  if (err instanceof UnsafeWebhookTargetError) return { code: STREAM_ERROR_CODES.connectionRefused, message: `${url}: ${err.message}` };
  if (err.code && /^(ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY)/.test(err.code)) return { code: STREAM_ERROR_CODES.tls, message: `${url}: ${err.message}` };
  if (/handshake|Opening handshake has timed out/i.test(err.message)) return { code: STREAM_ERROR_CODES.handshake, message: `${url}: ${err.message}` };
  return { code: STREAM_ERROR_CODES.connectionRefused, message: `${url}: ${err.message}` };
}
