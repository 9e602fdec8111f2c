// Local stand-ins for the carriers' messaging APIs, for tests, the e2e stack and the benchmark: Twilio's
// POST /2010-04-01/Accounts/{AccountSid}/Messages.json (form-encoded, HTTP Basic AccountSid:AuthToken; To, From,
// Body, MediaUrl…, StatusCallback) and Telnyx's POST /v2/messages (JSON, Bearer; from, to, text, media_urls,
// webhook_url, type). A request off the documented format answers 400 and is counted in `malformed`. Each can be
// told to answer 429/500/400 for the next requests, and builds the signed webhooks each provider sends back
// (status callbacks, inbound messages), so tests drive the receiving side exactly as the provider would.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signTwilioRequest } from "@/server/calls/callbacks/sign-twilio-request";

export interface StandInMessage {
  provider: "twilio" | "telnyx";
  id: string;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  statusCallback: string;
  receivedAt: number;
}

export interface MessagingStandIn {
  url: string;
  messages: StandInMessage[];
  malformed: { path: string; reason: string }[];
  /** Answer the next `count` sends with this status (429 with Retry-After 0, 500, or 400 with the provider's error body). */
  failNext(count: number, status: 429 | 500 | 400): void;
  requests: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startTwilioMessagingStandIn(opts: { accountSid: string; authToken: string }): Promise<MessagingStandIn> {
  const messages: StandInMessage[] = [];
  const malformed: { path: string; reason: string }[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 0 };
  const standIn = { requests: 0 } as MessagingStandIn;
  const expectedAuth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString("base64")}`;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      standIn.requests++;
      const path = (req.url ?? "").split("?")[0]!;
      const bad = (reason: string) => {
        malformed.push({ path, reason });
        json(res, 400, { code: 21601, message: reason, more_info: "https://www.twilio.com/docs/errors/21601", status: 400 });
      };
      if (req.headers.authorization !== expectedAuth) return json(res, 401, { code: 20003, message: "Authenticate", status: 401 });
      if (req.method !== "POST" || path !== `/2010-04-01/Accounts/${opts.accountSid}/Messages.json`) return bad(`unexpected ${req.method} ${path}`);
      if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return bad("Messages.json takes a form-encoded body");
      const form = new URLSearchParams(body);
      const known = new Set(["To", "From", "Body", "MediaUrl", "StatusCallback", "MessagingServiceSid"]);
      for (const k of form.keys()) if (!known.has(k)) return bad(`unknown parameter ${k}`);
      const to = form.get("To") ?? "";
      const from = form.get("From") ?? "";
      if (!E164.test(to)) return bad("To must be E.164");
      if (!E164.test(from) && !/^\d{3,8}$/.test(from)) return bad("From must be E.164 or a short code");
      if (!form.get("Body") && form.getAll("MediaUrl").length === 0) return bad("Body or MediaUrl is required");
      if (failures.count > 0) {
        failures.count--;
        if (failures.status === 429) return json(res, 429, { code: 20429, message: "Too Many Requests", status: 429 }, { "retry-after": "0" });
        if (failures.status === 400) return json(res, 400, { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 });
        return json(res, 500, { code: 20500, message: "Internal Server Error", status: 500 });
      }
      const sid = `SM${randomBytes(16).toString("hex")}`;
      messages.push({ provider: "twilio", id: sid, from, to, body: form.get("Body") ?? "", mediaUrls: form.getAll("MediaUrl"), statusCallback: form.get("StatusCallback") ?? "", receivedAt: Date.now() });
      json(res, 201, {
        sid, account_sid: opts.accountSid, to, from, body: form.get("Body") ?? "", status: "queued", num_segments: "1", num_media: String(form.getAll("MediaUrl").length),
        direction: "outbound-api", api_version: "2010-04-01", date_created: new Date().toUTCString(), price: null, error_code: null, error_message: null,
        uri: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}.json`,
      });
    })();
  });
  const url = await listen(server);
  return Object.assign(standIn, {
    url,
    messages,
    malformed,
    failNext: (count: number, status: number) => void (failures = { count, status }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A status callback as Twilio posts it to a message's StatusCallback: form parameters, X-Twilio-Signature. */
export function twilioStatusCallback(opts: { url: string; authToken: string; accountSid: string; messageSid: string; status: string; errorCode?: number; idempotencyToken?: string }): Request {
  const params: Record<string, string> = { MessageSid: opts.messageSid, SmsSid: opts.messageSid, AccountSid: opts.accountSid, MessageStatus: opts.status, SmsStatus: opts.status, ApiVersion: "2010-04-01" };
  if (opts.errorCode) params.ErrorCode = String(opts.errorCode);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signTwilioRequest(opts.authToken, opts.url, params) };
  if (opts.idempotencyToken) headers["i-twilio-idempotency-token"] = opts.idempotencyToken;
  return new Request(opts.url, { method: "POST", headers, body: new URLSearchParams(params).toString() });
}

/** An inbound SMS/MMS as Twilio posts it to a number's messaging webhook. */
export function twilioInboundMessage(opts: { url: string; authToken: string | null; accountSid: string; from: string; to: string; body: string; mediaUrls?: string[]; messageSid?: string }): Request {
  const sid = opts.messageSid ?? `SM${randomBytes(16).toString("hex")}`;
  const media = opts.mediaUrls ?? [];
  const params: Record<string, string> = { MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, AccountSid: opts.accountSid, From: opts.from, To: opts.to, Body: opts.body, NumMedia: String(media.length), NumSegments: "1", SmsStatus: "received", ApiVersion: "2010-04-01" };
  media.forEach((m, i) => (params[`MediaUrl${i}`] = m));
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (opts.authToken) headers["x-twilio-signature"] = signTwilioRequest(opts.authToken, opts.url, params);
  return new Request(opts.url, { method: "POST", headers, body: new URLSearchParams(params).toString() });
}

export interface TelnyxStandIn extends MessagingStandIn {
  /** The account's public key (base64 of the raw 32 bytes), as the Telnyx portal shows it. */
  publicKey: string;
  privateKey: KeyObject;
}

export async function startTelnyxMessagingStandIn(opts: { apiKey: string }): Promise<TelnyxStandIn> {
  const messages: StandInMessage[] = [];
  const malformed: { path: string; reason: string }[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 0 };
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const rawPublic = publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("base64");
  const standIn = { requests: 0 } as TelnyxStandIn;
  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      standIn.requests++;
      const path = (req.url ?? "").split("?")[0]!;
      const bad = (reason: string) => {
        malformed.push({ path, reason });
        json(res, 422, { errors: [{ code: "10015", title: "Invalid parameter", detail: reason }] });
      };
      if (req.headers.authorization !== `Bearer ${opts.apiKey}`) return json(res, 401, { errors: [{ code: "10009", title: "Authentication failed" }] });
      if (req.method !== "POST" || path !== "/v2/messages") return bad(`unexpected ${req.method} ${path}`);
      if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return bad("/v2/messages takes JSON");
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return bad("malformed JSON");
      }
      const known = new Set(["from", "to", "text", "media_urls", "webhook_url", "webhook_failover_url", "type", "messaging_profile_id", "use_profile_webhooks"]);
      for (const k of Object.keys(body)) if (!known.has(k)) return bad(`unknown field ${k}`);
      if (typeof body.to !== "string" || !E164.test(body.to)) return bad("to must be E.164");
      if (typeof body.from !== "string") return bad("from is required");
      if (!body.text && !(Array.isArray(body.media_urls) && body.media_urls.length)) return bad("text or media_urls is required");
      if (body.type !== undefined && body.type !== "SMS" && body.type !== "MMS") return bad("type is SMS or MMS");
      if (failures.count > 0) {
        failures.count--;
        if (failures.status === 429) return json(res, 429, { errors: [{ code: "10011", title: "Too many requests" }] }, { "retry-after": "0" });
        if (failures.status === 400) return json(res, 400, { errors: [{ code: "40310", title: "Invalid 'to' address", detail: "The destination number is invalid." }] });
        return json(res, 500, { errors: [{ code: "10007", title: "Unexpected error" }] });
      }
      const id = `40${randomBytes(14).toString("hex")}`;
      messages.push({ provider: "telnyx", id, from: body.from, to: body.to, body: typeof body.text === "string" ? body.text : "", mediaUrls: (body.media_urls as string[] | undefined) ?? [], statusCallback: typeof body.webhook_url === "string" ? body.webhook_url : "", receivedAt: Date.now() });
      json(res, 200, { data: { record_type: "message", id, direction: "outbound", type: body.type ?? "SMS", from: { phone_number: body.from }, to: [{ phone_number: body.to, status: "queued" }], text: body.text ?? "", parts: 1 } });
    })();
  });
  const url = await listen(server);
  return Object.assign(standIn, {
    url,
    messages,
    malformed,
    publicKey: rawPublic,
    privateKey,
    failNext: (count: number, status: number) => void (failures = { count, status }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A Telnyx messaging webhook (JSON event), signed as Telnyx signs: Ed25519 over `${timestamp}|${body}`. */
export function telnyxWebhook(opts: {
  url: string;
  privateKey: KeyObject | null;
  eventType: "message.received" | "message.sent" | "message.finalized";
  eventId?: string;
  payload: Record<string, unknown>;
  timestamp?: number;
}): Request {
  const body = JSON.stringify({ data: { record_type: "event", id: opts.eventId ?? crypto.randomUUID(), event_type: opts.eventType, occurred_at: new Date().toISOString(), payload: opts.payload }, meta: { attempt: 1, delivered_to: opts.url } });
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.privateKey) {
    headers["telnyx-signature-ed25519"] = sign(null, Buffer.from(`${ts}|${body}`), opts.privateKey).toString("base64");
    headers["telnyx-timestamp"] = ts;
  }
  return new Request(opts.url, { method: "POST", headers, body });
}
