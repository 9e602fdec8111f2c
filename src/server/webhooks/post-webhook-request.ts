// One outbound POST (or GET, for Twilio-style status callbacks) to a tenant's URL, hardened: every hop is
// checked by the SSRF guard before it is made, the socket's DNS answer is checked again at connect time
// (guardedLookup), redirects are followed by hand (at most 3, each re-checked), and there is a connect timeout
// and a total deadline. Never throws: failures come back as `error` so the caller can record them.
import http from "node:http";
import https from "node:https";
import { assertUrlTargetAllowed, guardedLookup, systemResolver, UnsafeWebhookTargetError, type HostResolver } from "@/server/webhooks/ssrf-guard";

export interface PostWebhookRequestInput {
  url: string;
  /** POST by default; a GET sends no body (its parameters are already in the URL). */
  method?: "POST" | "GET";
  headers: Record<string, string>;
  body: string;
  resolve?: HostResolver;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxRedirects?: number;
}

export interface PostWebhookRequestResult {
  statusCode: number | null;
  /** The first bytes of the final response body. */
  responseBody: string | null;
  error: string | null;
  finalUrl: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_RESPONSE_BYTES = 4096;

interface HopResult {
  statusCode: number;
  location: string | null;
  body: string;
}

function postOnce(url: URL, input: PostWebhookRequestInput, signal: AbortSignal, connectTimeoutMs: number): Promise<HopResult> {
  return new Promise((resolvePromise, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    const method = input.method ?? "POST";
    const req = transport.request(url, {
      method,
      headers: method === "GET" ? input.headers : { ...input.headers, "Content-Length": String(Buffer.byteLength(input.body)) },
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
      res.on("data", (chunk: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
        size += chunk.length;
        // The rest of a large body tells us nothing; stop reading it.
        if (size >= MAX_RESPONSE_BYTES) res.destroy();
      });
      const finish = () =>
        resolvePromise({
          statusCode: res.statusCode ?? 0,
          location: typeof res.headers.location === "string" ? res.headers.location : null,
          body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString("utf8"),
        });
      res.once("end", finish);
      res.once("close", finish);
      res.once("error", reject);
    });
    req.end(method === "GET" ? undefined : input.body);
  });
}

function describe(error: unknown, totalTimeoutMs: number): string {
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) return `timed out after ${totalTimeoutMs} ms`;
  if (error instanceof UnsafeWebhookTargetError) return error.message;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ? `${(error as NodeJS.ErrnoException).code}: ${error.message}` : error.message;
  return String(error);
}

export async function postWebhookRequest(input: PostWebhookRequestInput): Promise<PostWebhookRequestResult> {
  const connectTimeoutMs = input.connectTimeoutMs ?? 5_000;
  const totalTimeoutMs = input.totalTimeoutMs ?? 15_000;
  const maxRedirects = input.maxRedirects ?? 3;
  const signal = AbortSignal.timeout(totalTimeoutMs);
  let url = new URL(input.url);
  try {
    for (let hop = 0; ; hop++) {
      await assertUrlTargetAllowed(url, input.resolve);
      const result = await postOnce(url, input, signal, connectTimeoutMs);
      if (!REDIRECT_STATUSES.has(result.statusCode) || !result.location) {
        return { statusCode: result.statusCode, responseBody: result.body, error: null, finalUrl: url.toString() };
      }
      if (hop >= maxRedirects) {
        return { statusCode: result.statusCode, responseBody: result.body, error: `more than ${maxRedirects} redirects`, finalUrl: url.toString() };
      }
      // The same signed request goes to the next hop (also for 301/302/303): a webhook is only meaningful as sent.
      url = new URL(result.location, url);
    }
  } catch (e) {
    return { statusCode: null, responseBody: null, error: describe(signal.aborted ? signal.reason : e, totalTimeoutMs), finalUrl: url.toString() };
  }
}
