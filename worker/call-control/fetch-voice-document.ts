// Asks a tenant's application what a call does next: a Twilio-style signed request (POST form, or GET with the
// parameters in the query string) of the call's parameters to the call's `url`, the number's voiceUrl, or a verb's
// action. The request goes through the webhook sender (SSRF guard on every hop and at connect time, redirects
// re-checked, Twilio's connect 5 s / total 15 s); nothing is cached. The answer is a voice document: TwiML (every
// verb, parse-twiml.ts) or native JSON (an array of verbs, or `{ "instructions": [...] }`). Any failure comes back
// with Twilio's code and, for a refused document, the line, column, verb and attribute, for the debugger.
import { parseVoiceDocument } from "@/server/voice-documents/parse-voice-document";
import { parseTwimlDocument } from "@/server/voice-documents/twiml/parse-twiml";
import { TwimlError } from "@/server/voice-documents/twiml/twiml-error";
import type { TVoiceDocument } from "@/server/voice-documents/voice-document.schemas";
import { postWebhookRequest } from "@/server/webhooks/post-webhook-request";
import type { RequestErrorKind } from "@/server/webhooks/guarded-request";
import type { HostResolver } from "@/server/webhooks/ssrf-guard";

/** Twilio's limit on a TwiML answer (11750, "TwiML response body too large"): 64 kB; an answer that fills it was cut. */
const MAX_ANSWER_BYTES = 64 * 1024;

export type RequestSigner = (input: { tenantId: string; url: string; params: Record<string, string> }) => Promise<string>;

export interface FetchVoiceDocumentInput {
  tenantId: string;
  url: string;
  /** The call's `method` / the number's voiceMethod. GET sends the parameters in the query string (signed as the full URL). */
  method?: string;
  /** Twilio's request parameters (CallSid, AccountSid, From, To, CallStatus, Direction, ApiVersion, and the verb's). */
  params: Record<string, string>;
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

/** Where a refused document went wrong, for the debugger. */
export interface DocumentProblem {
  line?: number;
  column?: number;
  verb?: string;
  attribute?: string;
}

export type FetchVoiceDocumentResult =
  | { ok: true; document: TVoiceDocument; dialect: "twiml" | "json" }
  | { ok: false; error: string; code: number; statusCode: number | null; problem?: DocumentProblem };

/** An answer's body as a document: TwiML or JSON, told apart by its first character (the content type is often wrong). */
export function parseVoiceAnswer(body: string): FetchVoiceDocumentResult {
  const trimmed = body.trimStart();
  if (trimmed.startsWith("<")) {
    try {
      return { ok: true, document: parseTwimlDocument(trimmed).document, dialect: "twiml" };
    } catch (e) {
      if (!(e instanceof TwimlError)) throw e;
      const p = e.toProblem();
      return { ok: false, error: e.message, code: e.code, statusCode: null, problem: { line: p.line, column: p.column, verb: p.verb, attribute: p.attribute } };
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { ok: false, error: "the answer is neither JSON nor TwiML", code: HANDLER_ERROR_CODES.parse, statusCode: null };
  }
  const list = json && typeof json === "object" && !Array.isArray(json) && "instructions" in json ? (json as { instructions: unknown }).instructions : json;
  const parsed = parseVoiceDocument(list);
  if (parsed.ok) return { ok: true, document: parsed.document, dialect: "json" };
  const first = parsed.issues[0]!;
  const index = Number(first.path.split(".")[0]);
  return {
    ok: false,
    error: `${first.path ? first.path + ": " : ""}${first.message}`,
    code: HANDLER_ERROR_CODES.parse,
    statusCode: null,
    problem: Number.isInteger(index) ? { verb: String(index), attribute: first.path.split(".").slice(1).join(".") || undefined } : undefined,
  };
}

export async function fetchVoiceDocument(input: FetchVoiceDocumentInput): Promise<FetchVoiceDocumentResult> {
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
    maxResponseBytes: MAX_ANSWER_BYTES,
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
  const parsed = parseVoiceAnswer(answer);
  return parsed.ok ? parsed : { ...parsed, statusCode: result.statusCode };
}
