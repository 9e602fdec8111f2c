// defineTwilioRoute: the Twilio-compatible counterpart of api/define-route.ts, on the same machinery (request id,
// body size and type limits and form decoding, per-key rate limit, Idempotency-Key records, metrics) but with
// Twilio's authentication (Basic AccountSid:AuthToken or an API key; the path's {AccountSid} must be the caller's)
// and Twilio's error shape `{ code, message, more_info, status }`.
import type { z } from "zod";
import { env } from "@/env";
import { resolveRequestId } from "@/lib/request-id";
import type { ApiKeyScope } from "@/server/api-keys/api-keys.schemas";
import { searchParamsObject } from "@/server/api/http";
import { claimRequestIdempotency, type ClaimedIdempotencyKey, type IdempotencyCompletion } from "@/server/api/idempotency";
import { consumeRateLimit } from "@/server/api/rate-limit";
import { readRequestBody } from "@/server/api/request-body";
import { requestLogger, type Logger } from "@/server/logger";
import { observeHttpRequest } from "@/server/metrics/registry";
import { clientIp } from "@/server/shared/client-ip";
import type { Actor } from "@/server/tenancy";
import { authenticateTwilioRequest, type TwilioPrincipal } from "@/server/twilio/authenticate-twilio-request";
import { fieldErrorToTwilio, twilioErrorResponse } from "@/server/twilio/twilio-errors";
import { findNulByte, NUL_MESSAGE } from "@/server/shared/nul-bytes";
import { AppError } from "@/server/errors";
import { authenticateThrottled } from "@/server/auth/credential-failures";

type AnySchema = z.ZodType<unknown, Record<string, unknown>>;

export interface TwilioRouteSpec<F extends AnySchema | undefined, Q extends AnySchema | undefined> {
  method: "GET" | "POST" | "DELETE";
  /** For metrics and logs: `/2010-04-01/Accounts/{AccountSid}/Calls.json`. */
  path: string;
  scope: ApiKeyScope;
  /** Form parameters (POST), under Twilio's names. */
  form?: F;
  /** Query parameters (GET). */
  query?: Q;
  /** Honour `Idempotency-Key` (POST only). */
  idempotent?: boolean;
}

/** JSON (`body`), nothing (204, as Twilio answers a delete), or a finished response (recording audio). */
export type TwilioRouteResult = { status: 200 | 201; body: unknown } | { status: 204; body?: undefined } | { status: 200 | 206 | 416; raw: Response };

export interface TwilioRouteContext<F, Q> {
  actor: Actor;
  principal: TwilioPrincipal;
  /** Path parameters as Next passes them (`callSid` still carries its `.json`). */
  params: Record<string, string>;
  form: F;
  query: Q;
  url: URL;
  /** The request's headers (Range, for recording audio). */
  headers: Headers;
  requestId: string;
  log: () => Logger;
  /**
   * Present when this request claimed an Idempotency-Key: `completion(result)` is the stored answer, which the
   * use-case writes with its change (as createCall's insert does), so both commit together or not at all.
   */
  idempotency: { completion(result: TwilioRouteResult): IdempotencyCompletion } | null;
}

interface NextRouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The user name of HTTP Basic credentials (an AccountSid or an API key id), for counting failures per account. */
function basicUsername(authorization: string | null): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) return null;
  const user = Buffer.from(match[1]!, "base64").toString("utf8").split(":")[0] ?? "";
  return /^[\w-]{1,64}$/.test(user) ? user : null;
}

function parseParams<S extends AnySchema>(schema: S, value: unknown): z.output<S> {
  const nul = findNulByte(value);
  if (nul) throw fieldErrorToTwilio(nul, NUL_MESSAGE);
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw fieldErrorToTwilio(issue.path.map(String).join(".") || "body", issue.message);
  }
  return result.data;
}

export function defineTwilioRoute<F extends AnySchema | undefined = undefined, Q extends AnySchema | undefined = undefined>(
  spec: TwilioRouteSpec<F, Q>,
  handler: (ctx: TwilioRouteContext<Out<F>, Out<Q>>) => Promise<TwilioRouteResult>,
): (req: Request, ctx: NextRouteContext) => Promise<Response> {
  return async (req, nextCtx) => {
    const started = performance.now();
    const requestId = resolveRequestId(req.headers.get("x-request-id"));
    const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
    let logger: Logger | undefined;
    const log = () => (logger ??= requestLogger(requestId));
    const url = new URL(req.url);
    let claimed: ClaimedIdempotencyKey | null = null;
    let response: Response;

    try {
      const params = Object.fromEntries(Object.entries(await nextCtx.params).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
      // A sid with a NUL names nothing: not found, as any malformed sid.
      if (findNulByte(params)) throw new AppError("NOT_FOUND", "resource not found");
      const authorization = req.headers.get("authorization");
      const principal = await authenticateThrottled({ ip: clientIp(req.headers.get("x-forwarded-for")), keyId: basicUsername(authorization) }, () =>
        // The Account resource's own segment is "AC….json".
        authenticateTwilioRequest(authorization, (params.accountSid ?? "").replace(/\.json$/, ""), spec.scope),
      );
      const rate = await consumeRateLimit(principal.rateLimitKey, principal.rateLimitPerSecond);
      headers["x-ratelimit-limit"] = String(rate.limit);
      headers["x-ratelimit-remaining"] = String(rate.remaining);

      const query = spec.query ? parseParams(spec.query, searchParamsObject(url)) : undefined;
      let form: unknown;
      if (spec.method === "POST") {
        const raw = await readRequestBody(req, { maxBytes: env.API_MAX_BODY_BYTES, schema: spec.form });
        form = spec.form ? parseParams(spec.form, raw ?? {}) : undefined;
        const claim = await claimRequestIdempotency({
          tenantId: principal.tenantId,
          key: spec.idempotent ? req.headers.get("idempotency-key") : null,
          method: spec.method,
          path: url.pathname,
          body: raw,
          headers,
        });
        if (claim && "replay" in claim) return claim.replay;
        claimed = claim?.claimed ?? null;
      }

      // The Auth Token is the account's master credential (every scope, as on Twilio): it acts as the owner would. API keys act
      // as DEVELOPER, limited by their scopes.
      const actor: Actor = { tenantId: principal.tenantId, role: principal.apiKeyId ? "DEVELOPER" : "OWNER", userId: null, apiKeyId: principal.apiKeyId, impersonatorId: null, requestId, ip: clientIp(req.headers.get("x-forwarded-for")) };
      const key = claimed;
      const idempotency = key ? { completion: (result: TwilioRouteResult) => key.completion(result.status, "body" in result ? JSON.stringify(result.body) : "") } : null;
      const result = await handler({ actor, principal, params, form: form as Out<F>, query: query as Out<Q>, url, requestId, log, idempotency, headers: req.headers });
      if ("raw" in result) {
        for (const [name, value] of Object.entries(headers)) if (!result.raw.headers.has(name)) result.raw.headers.set(name, value);
        response = result.raw;
      } else if (result.status === 204) {
        await key?.finish(204, "");
        response = new Response(null, { status: 204, headers });
      } else {
        await key?.finish(result.status, JSON.stringify(result.body));
        headers["content-type"] = "application/json; charset=utf-8";
        response = new Response(JSON.stringify(result.body), { status: result.status, headers });
      }
    } catch (err) {
      await claimed?.release();
      response = twilioErrorResponse(err, headers, log);
    }
    observeHttpRequest({ route: spec.path, method: spec.method, status: response.status, durationMs: performance.now() - started });
    return response;
  };
}
