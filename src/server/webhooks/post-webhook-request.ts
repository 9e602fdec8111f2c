// One outbound POST (or GET, for Twilio-style status callbacks) to a tenant's URL through guardedRequest (SSRF
// guard on every hop and at connect time, redirects re-checked, connect timeout and total deadline). Never
// throws: failures come back as `error` so the caller can record them.
import type { HostResolver } from "@/server/webhooks/ssrf-guard";
import { classifyRequestError, describeRequestError, guardedRequest, type RequestErrorKind } from "@/server/webhooks/guarded-request";

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
  /** Headers computed for each URL actually requested, the first and every redirect's (a request signature). */
  headersFor?: (url: string) => Promise<Record<string, string>>;
  /** Bytes of the response body kept (the rest is cut); 4 kB unless given (a voice document may be 64 kB). */
  maxResponseBytes?: number;
}

export interface PostWebhookRequestResult {
  statusCode: number | null;
  /** The first bytes of the final response body. */
  responseBody: string | null;
  error: string | null;
  /** What kind of failure `error` is, for callers that report it in Twilio's terms (voice URLs). */
  errorKind: RequestErrorKind | null;
  /** The final response's Content-Type, when it had one. */
  contentType: string | null;
  finalUrl: string;
}

const MAX_RESPONSE_BYTES = 4096;

export async function postWebhookRequest(input: PostWebhookRequestInput): Promise<PostWebhookRequestResult> {
  const totalTimeoutMs = input.totalTimeoutMs ?? 15_000;
  const maxRedirects = input.maxRedirects ?? 3;
  try {
    const res = await guardedRequest({ ...input, totalTimeoutMs, maxRedirects, maxBodyBytes: input.maxResponseBytes ?? MAX_RESPONSE_BYTES, onLargeBody: "truncate" });
    return {
      statusCode: res.statusCode,
      responseBody: res.body.toString("utf8"),
      error: res.tooManyRedirects ? `more than ${maxRedirects} redirects` : null,
      errorKind: res.tooManyRedirects ? "too_many_redirects" : null,
      contentType: typeof res.headers["content-type"] === "string" ? res.headers["content-type"] : null,
      finalUrl: res.finalUrl,
    };
  } catch (e) {
    return { statusCode: null, responseBody: null, error: describeRequestError(e, totalTimeoutMs), errorKind: classifyRequestError(e), contentType: null, finalUrl: input.url };
  }
}
