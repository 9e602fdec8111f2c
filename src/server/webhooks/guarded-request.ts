// One HTTP request to a URL a tenant chose, hardened: every hop is checked by the SSRF guard before it is made,
// the socket's DNS answer is checked again at connect time (guardedLookup), redirects are followed by hand (each
// re-checked), and there is a connect timeout, a total deadline and a cap on the body read. Webhook deliveries
// (post-webhook-request.ts) and the worker's audio fetches (worker/call-control/media-cache.ts) go through here.
import http from "node:http";
import https from "node:https";
import { assertUrlTargetAllowed, guardedLookup, systemResolver, UnresolvableHostError, UnsafeWebhookTargetError, type HostResolver } from "@/server/webhooks/ssrf-guard";

export interface GuardedRequestInput {
  url: string;
  method?: "POST" | "GET";
  headers: Record<string, string>;
  /** Sent with POST (and again to each redirect's target: a signed webhook is only meaningful as sent). */
  body?: string;
  resolve?: HostResolver;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxRedirects?: number;
  /** Headers that depend on the URL actually requested (a signature over it), merged in at every hop. */
  headersFor?: (url: string) => Promise<Record<string, string>>;
  /** At most this many body bytes are read. */
  maxBodyBytes: number;
  /** Past maxBodyBytes: "truncate" keeps the first bytes (webhook answers), "fail" throws BodyTooLargeError. */
  onLargeBody: "truncate" | "fail";
}

export interface GuardedResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  finalUrl: string;
  /** More than maxBodyBytes came (onLargeBody "truncate"). */
  truncated: boolean;
  /** Redirects not followed because maxRedirects was reached. */
  tooManyRedirects: boolean;
}

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`the response is larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

interface Hop {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
}

function requestOnce(url: URL, input: GuardedRequestInput, signal: AbortSignal, connectTimeoutMs: number): Promise<Hop> {
  return new Promise((resolvePromise, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    const method = input.method ?? "POST";
    const body = method === "GET" ? undefined : (input.body ?? "");
    const req = transport.request(url, {
      method,
      headers: body === undefined ? input.headers : { ...input.headers, "Content-Length": String(Buffer.byteLength(body)) },
      lookup: guardedLookup(input.resolve ?? systemResolver),
      // A fresh socket per request: a pooled socket would skip the connect-time address check.
      agent: false,
      signal,
    });
    req.once("socket", (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => req.destroy(new Error(`connect timeout after ${connectTimeoutMs} ms`)), connectTimeoutMs);
      socket.once("connect", () => clearTimeout(timer));
      socket.once("close", () => clearTimeout(timer));
    });
    req.once("error", reject);
    req.once("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      let settled = false;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= input.maxBodyBytes) {
          chunks.push(chunk);
          return;
        }
        if (input.onLargeBody === "fail") {
          settled = true;
          res.destroy();
          reject(new BodyTooLargeError(input.maxBodyBytes));
          return;
        }
        // The rest of a large body tells us nothing; stop reading it.
        chunks.push(chunk.subarray(0, chunk.length - (size - input.maxBodyBytes)));
        truncated = true;
        res.destroy();
      });
      const finish = () => {
        if (settled) return;
        settled = true;
        resolvePromise({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated });
      };
      res.once("end", finish);
      res.once("close", finish);
      res.once("error", (err) => {
        if (!settled && !truncated) reject(err);
      });
    });
    req.end(body);
  });
}

/** Throws UnsafeWebhookTargetError, BodyTooLargeError, a timeout (signal's reason) or a network error. */
export async function guardedRequest(input: GuardedRequestInput): Promise<GuardedResponse> {
  const connectTimeoutMs = input.connectTimeoutMs ?? 5_000;
  const totalTimeoutMs = input.totalTimeoutMs ?? 15_000;
  const maxRedirects = input.maxRedirects ?? 3;
  const signal = AbortSignal.timeout(totalTimeoutMs);
  let url = new URL(input.url);
  try {
    for (let hop = 0; ; hop++) {
      await assertUrlTargetAllowed(url, input.resolve);
      const hopInput = input.headersFor ? { ...input, headers: { ...input.headers, ...(await input.headersFor(url.toString())) } } : input;
      const result = await requestOnce(url, hopInput, signal, connectTimeoutMs);
      const location = typeof result.headers.location === "string" ? result.headers.location : null;
      if (!REDIRECT_STATUSES.has(result.statusCode) || !location) return { ...result, finalUrl: url.toString(), tooManyRedirects: false };
      if (hop >= maxRedirects) return { ...result, finalUrl: url.toString(), tooManyRedirects: true };
      url = new URL(location, url);
    }
  } catch (e) {
    throw signal.aborted ? signal.reason : e;
  }
}

/** A one-line description of a failure of guardedRequest, for logs and records. */
export type RequestErrorKind = "timeout" | "refused" | "unsafe_target" | "bad_host" | "tls" | "too_large" | "too_many_redirects" | "other";

/** The kind of a request failure, from the error guardedRequest threw. */
export function classifyRequestError(error: unknown): RequestErrorKind {
  if (error instanceof UnresolvableHostError) return "bad_host";
  if (error instanceof UnsafeWebhookTargetError) return "unsafe_target";
  if (error instanceof BodyTooLargeError) return "too_large";
  if (!(error instanceof Error)) return "other";
  if (error.name === "AbortError" || error.name === "TimeoutError") return "timeout";
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") return "bad_host";
  if (/^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EPIPE)$/.test(code)) return "refused";
  if (/CERT|SSL|TLS|DEPTH_ZERO|SELF_SIGNED/i.test(code) || /ssl|tls|certificate/i.test(error.message)) return "tls";
  return "other";
}

export function describeRequestError(error: unknown, totalTimeoutMs: number): string {
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) return `timed out after ${totalTimeoutMs} ms`;
  if (error instanceof UnsafeWebhookTargetError || error instanceof BodyTooLargeError) return error.message;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ? `${(error as NodeJS.ErrnoException).code}: ${error.message}` : error.message;
  return String(error);
}
