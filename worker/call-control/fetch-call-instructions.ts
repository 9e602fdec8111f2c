// Asks a tenant's application what to do with a call: a Twilio-style signed POST of the call's parameters to
// the call's `url` or the number's voiceUrl. The request goes through the webhook sender (SSRF guard on every
// hop and at connect time, redirects re-checked, connect 5 s / total 15 s); the answer is JSON instructions or
// the TwiML subset. Any failure comes back as an error with Twilio's code, which the caller records on the call's
// timeline before it apologises and hangs up.
import { postWebhookRequest } from "@/server/webhooks/post-webhook-request";
import type { RequestErrorKind } from "@/server/webhooks/guarded-request";
import type { HostResolver } from "@/server/webhooks/ssrf-guard";
import { parseInstructionsResponse, type TCallInstruction } from "./instructions";

export const TWILIO_API_VERSION = "2010-04-01";
/** postWebhookRequest reads at most this much of a body; an answer that fills it was cut and cannot be trusted. */
const MAX_ANSWER_BYTES = 4096;

export interface CallRequestParams {
  CallSid: string;
  AccountSid: string;
  From: string;
  To: string;
  CallStatus: string;
  Direction: string;
  ApiVersion: string;
  [extra: string]: string;
}

export type RequestSigner = (input: { tenantId: string; url: string; params: Record<string, string> }) => Promise<string>;

export interface FetchCallInstructionsInput {
  tenantId: string;
  url: string;
  /** The call's `method` / the number's voiceMethod. GET sends the parameters in the query string (signed as the full URL). */
  method?: string;
  params: CallRequestParams;
  sign: RequestSigner;
  resolve?: HostResolver;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
}

/**
 * Twilio's error codes for a voice URL that failed (twilio.com/docs/api/errors), so a Twilio developer reads the
 * call's timeline as they would Twilio's debugger.
 */
export const HANDLER_ERROR_CODES = {
  httpStatus: 11200, // HTTP retrieval failure: the application answered a non-2xx status
  connection: 11205, // HTTP connection failure: refused, reset, timed out, or a private/loopback address
  badHost: 11210, // HTTP bad host name
  tooManyRedirects: 11215,
  tls: 11220, // SSL/TLS handshake error
  parse: 12100, // Document parse failure
  contentType: 12300, // Invalid Content-Type
  tooLarge: 11750, // TwiML response body too large
  internal: 12400, // Internal failure (the request could not be signed)
} as const;

const REQUEST_ERROR_CODES: Record<RequestErrorKind, number> = {
  timeout: HANDLER_ERROR_CODES.connection,
  refused: HANDLER_ERROR_CODES.connection,
  unsafe_target: HANDLER_ERROR_CODES.connection,
  bad_host: HANDLER_ERROR_CODES.badHost,
  tls: HANDLER_ERROR_CODES.tls,
  too_large: HANDLER_ERROR_CODES.tooLarge,
  too_many_redirects: HANDLER_ERROR_CODES.tooManyRedirects,
  other: HANDLER_ERROR_CODES.httpStatus,
};

/** Content types an answer may have (none at all is accepted too: the body is sniffed). */
const ANSWER_CONTENT_TYPES = /^(application\/json|application\/xml|text\/xml|text\/html|text\/plain)\b/i;

export type FetchCallInstructionsResult = { ok: true; instructions: TCallInstruction[] } | { ok: false; error: string; code: number; statusCode: number | null };

export async function fetchCallInstructions(input: FetchCallInstructionsInput): Promise<FetchCallInstructionsResult> {
  const params: Record<string, string> = { ...input.params };
  const get = input.method?.toUpperCase() === "GET";
  let url = input.url;
  if (get) {
    const u = new URL(input.url);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    url = u.toString();
  }
  const body = get ? "" : new URLSearchParams(params).toString();
  // Twilio signs the URL it actually requests: the first one and, after a redirect, the one redirected to.
  const sign = async (requested: string) => ({ "X-Twilio-Signature": await input.sign({ tenantId: input.tenantId, url: requested, params: get ? {} : params }) });
  let firstSignature: Record<string, string>;
  try {
    firstSignature = await sign(url);
  } catch (e) {
    return { ok: false, error: `could not sign the request: ${e instanceof Error ? e.message : String(e)}`, code: HANDLER_ERROR_CODES.internal, statusCode: null };
  }
  const result = await postWebhookRequest({
    url,
    method: get ? "GET" : "POST",
    body,
    headers: {
      ...(get ? {} : { "Content-Type": "application/x-www-form-urlencoded" }),
      Accept: "application/json, application/xml, text/xml",
      "User-Agent": "IRISX-Voice/1.0",
    },
    headersFor: async (requested) => (requested === url ? firstSignature : sign(requested)),
    resolve: input.resolve,
    connectTimeoutMs: input.connectTimeoutMs ?? 5_000,
    totalTimeoutMs: input.totalTimeoutMs ?? 15_000,
  });
  if (result.error) return { ok: false, error: result.error, code: REQUEST_ERROR_CODES[result.errorKind ?? "other"], statusCode: result.statusCode };
  if (result.statusCode === null || result.statusCode < 200 || result.statusCode >= 300) {
    return { ok: false, error: `the application answered HTTP ${result.statusCode}`, code: HANDLER_ERROR_CODES.httpStatus, statusCode: result.statusCode };
  }
  const answer = result.responseBody ?? "";
  if (Buffer.byteLength(answer) >= MAX_ANSWER_BYTES) {
    return { ok: false, error: `the answer is larger than ${MAX_ANSWER_BYTES - 1} bytes`, code: HANDLER_ERROR_CODES.tooLarge, statusCode: result.statusCode };
  }
  if (result.contentType && !ANSWER_CONTENT_TYPES.test(result.contentType.trim())) {
    return { ok: false, error: `the answer's Content-Type is ${result.contentType}, not JSON or XML`, code: HANDLER_ERROR_CODES.contentType, statusCode: result.statusCode };
  }
  try {
    return { ok: true, instructions: parseInstructionsResponse(answer) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e), code: HANDLER_ERROR_CODES.parse, statusCode: result.statusCode };
  }
}
