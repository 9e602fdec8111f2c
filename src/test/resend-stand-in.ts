// A stand-in for Resend's HTTP API, for tests: POST /emails and POST /emails/batch with Bearer authentication, the
// answers Resend documents ({ id } and { data: [{ id }] }, errors as { statusCode, name, message }), Idempotency-Key
// (the same key and body answer the first answer again without sending; another body under a used key is 409), the
// batch endpoint's strict validation (one bad address refuses the whole request, 422), an optional rate limit
// (429 with Retry-After, as Resend answers past its per-second limit) and scripted answers for given requests.
// It also signs webhook deliveries as Resend's (Svix) do. Use RESEND_BASE_URL=<url> and RESEND_API_KEY=<apiKey>.
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInEmail {
  from: string;
  to: string | string[];
  subject: string;
  html?: string;
  text?: string;
  cc?: string | string[];
  bcc?: string | string[];
  reply_to?: string | string[];
  /** Custom headers: an object of header name → string value. */
  headers?: Record<string, string>;
  /** Each: filename plus content (base64) or path (a URL Resend fetches); content_type optional. */
  attachments?: Array<{ filename?: string; content?: string; path?: string; content_type?: string }>;
}

/** Resend's documented checks beyond from/to/subject: what a real POST /emails refuses with 422. */
function documentedFieldError(e: StandInEmail): string | null {
  for (const field of ["cc", "bcc", "reply_to"] as const) {
    const v = e[field];
    if (v !== undefined && [v].flat().some((a) => typeof a !== "string" || !EMAIL.test(a.replace(/^.*<([^>]+)>$/, "$1")))) return `Invalid \`${field}\` field.`;
  }
  if ([e.to].flat().length > 50) return "The `to` field can hold at most 50 addresses.";
  if (e.text === undefined && e.html === undefined) return "Missing `html` or `text` field.";
  if (e.headers !== undefined && (typeof e.headers !== "object" || e.headers === null || Object.values(e.headers).some((v) => typeof v !== "string"))) return "Invalid `headers` field: an object of strings.";
  if (e.attachments !== undefined) {
    if (!Array.isArray(e.attachments)) return "Invalid `attachments` field.";
    for (const a of e.attachments) {
      if (!a || typeof a.filename !== "string" || (typeof a.content !== "string") === (typeof a.path !== "string")) return "Each attachment needs a filename and one of content (base64) or path.";
      if (typeof a.content === "string" && !/^[A-Za-z0-9+/]*={0,2}$/.test(a.content)) return "Attachment content must be base64.";
    }
  }
  return null;
}

export interface StandInRequest {
  /** Date.now() when the request arrived. */
  at: number;
  path: string;
  idempotencyKey: string | null;
  emails: StandInEmail[];
  status: number;
  /** Answered from the idempotency store (nothing sent). */
  replay: boolean;
}

export interface StandInDelivery extends StandInEmail {
  id: string;
  at: number;
}

export interface ScriptedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ResendStandInOptions {
  apiKey?: string;
  /** Answer request number `index` (0-based, every request counted) this way instead (rate limits, outages). */
  script?: (index: number, path: string) => ScriptedReply | undefined;
  /** Emulates Resend's rate limit: more than this many requests within a second are answered 429. */
  rateLimitPerSecond?: number;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const error = (statusCode: number, name: string, message: string): ScriptedReply => ({ status: statusCode, body: { statusCode, name, message } });

export async function startResendStandIn(opts: ResendStandInOptions = {}) {
  const apiKey = opts.apiKey ?? `re_test_${randomBytes(6).toString("hex")}`;
  const requests: StandInRequest[] = [];
  const delivered: StandInDelivery[] = [];
  const idempotent = new Map<string, { hash: string; reply: ScriptedReply }>();

  function accept(emails: StandInEmail[], batch: boolean): ScriptedReply {
    const ids = emails.map((e) => {
      const id = randomUUID();
      delivered.push({ ...e, id, at: Date.now() });
      return { id };
    });
    return { status: 200, body: batch ? { data: ids } : ids[0] };
  }

  function answer(path: string, body: unknown, key: string | null, raw: string, index: number): ScriptedReply & { replay?: boolean } {
    const scripted = opts.script?.(index, path);
    if (scripted) return scripted;
    if (opts.rateLimitPerSecond !== undefined) {
      const now = Date.now();
      const recent = requests.filter((r) => r.status !== 429 && now - r.at < 1000).length;
      if (recent >= opts.rateLimitPerSecond) return { ...error(429, "rate_limit_exceeded", "Too many requests. You can only make 5 requests per second."), headers: { "retry-after": "1" } };
    }
    const batch = path === "/emails/batch";
    const emails = (batch ? body : [body]) as StandInEmail[];
    if (!Array.isArray(emails) || emails.length === 0 || emails.length > 100) return error(422, "validation_error", "a batch holds 1 to 100 emails");
    const hash = createHash("sha256").update(`${path}\n${raw}`).digest("hex");
    if (key !== null) {
      const seen = idempotent.get(key);
      if (seen) return seen.hash === hash ? { ...seen.reply, replay: true } : error(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
    }
    if (key !== null && key.length > 256) return error(422, "validation_error", "The Idempotency-Key can be at most 256 characters.");
    const bad = emails.findIndex((e) => !e?.from || !e.subject || [e.to].flat().some((to) => typeof to !== "string" || !EMAIL.test(to)));
    const fieldBad = bad >= 0 ? null : emails.map(documentedFieldError).find((m) => m !== null);
    const reply = bad >= 0 ? error(422, "validation_error", `Invalid \`to\` field in email ${bad}.`) : fieldBad ? error(422, "validation_error", fieldBad) : accept(emails, batch);
    if (key !== null) idempotent.set(key, { hash, reply });
    return reply;
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const path = (req.url ?? "/").split("?")[0]!;
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const index = requests.length;
    const at = Date.now();
    let reply: ScriptedReply & { replay?: boolean };
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    // The stand-in's own window for a browser test in another process (e2e): what it delivered, not a Resend endpoint.
    if (req.method === "GET" && path === "/_stand-in/delivered") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(delivered));
      return;
    }
    if (req.method !== "POST" || (path !== "/emails" && path !== "/emails/batch")) reply = error(404, "not_found", "The requested endpoint does not exist.");
    else if (!req.headers.authorization) reply = error(401, "missing_api_key", "Missing API key in the authorization header.");
    else if (req.headers.authorization !== `Bearer ${apiKey}`) reply = error(403, "invalid_api_key", "API key is invalid.");
    else reply = answer(path, body, key, raw, index);
    const emails = (path === "/emails/batch" && Array.isArray(body) ? body : body ? [body] : []) as StandInEmail[];
    requests.push({ at, path, idempotencyKey: key, emails, status: reply.status, replay: reply.replay ?? false });
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiKey,
    requests,
    /** Every mail actually sent (an idempotent repeat adds none). */
    delivered,
    deliveredTo: (to: string) => delivered.filter((d) => [d.to].flat().includes(to)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ResendStandIn = Awaited<ReturnType<typeof startResendStandIn>>;

/** A fresh webhook signing secret in Resend's format. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/** Headers of a webhook delivery signed as Resend (Svix) signs them: v1, HMAC-SHA256 of "id.timestamp.body". */
export function signResendWebhook(secret: string, payload: string, opts: { id?: string; timestamp?: number } = {}) {
  const id = opts.id ?? `msg_${randomBytes(12).toString("hex")}`;
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${payload}`).digest("base64");
  return { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` };
}
