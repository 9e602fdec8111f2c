// defineRoute: one REST endpoint = its contract (method, path, scope, zod schemas, docs) + a handler that calls
// a use-case. The wrapper does, in order: request id, auth, tenant status, scope, rate limit, body size and type,
// parsing and strict validation, Idempotency-Key, then the handler, mapping every failure to one error shape.
// The same contracts build the OpenAPI document (openapi.ts).
import { z } from "zod";
import { env } from "@/env";
import { resolveRequestId } from "@/lib/request-id";
import { AppError } from "@/server/errors";
import { requestLogger, type Logger } from "@/server/logger";
import type { Actor } from "@/server/tenancy";
import { type ApiKeyScope, scopeAllows } from "@/server/api-keys/api-keys.schemas";
import { authenticateApiKey, parseAuthorization, type ApiKeyPrincipal } from "@/server/api-keys/authenticate-api-key";
import { errorResponse, jsonResponse, searchParamsObject, validationError } from "@/server/api/http";
import { claimRequestIdempotency, type ClaimedIdempotencyKey, type IdempotencyCompletion } from "@/server/api/idempotency";
import { consumeRateLimit } from "@/server/api/rate-limit";
import { readRequestBody } from "@/server/api/request-body";
import { observeHttpRequest } from "@/server/metrics/registry";
import { clientIp } from "@/server/shared/client-ip";
import { findNulByte, rejectNulBytes } from "@/server/shared/nul-bytes";
import { authenticateThrottled } from "@/server/auth/credential-failures";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";
type AnyObject = z.ZodObject<z.core.$ZodLooseShape>;

export interface RouteSpec<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends AnyObject | undefined, R extends z.ZodType> {
  method: HttpMethod;
  /** OpenAPI form, `{name}` for path parameters: `/api/v1/api-keys/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** The API-key scope the route needs; null for unauthenticated routes. */
  scope: ApiKeyScope | null;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** 200 unless given; 204 sends no body. */
  status?: 200 | 201 | 204;
  /** Honour `Idempotency-Key`. Defaults to true for POST. */
  idempotent?: boolean;
  /** Error statuses the route answers beyond the ones its shape implies (e.g. 402), for the docs. */
  errors?: readonly number[];
  /** Example request body for the docs. */
  example?: Record<string, unknown>;
  /** Set by defineMediaRoute: the route answers with raw bytes of this type instead of JSON. */
  media?: MediaSpec;
}

export interface MediaSpec {
  contentType: string;
  /** Whether `Range: bytes=…` is honoured (206 / 416). */
  ranges: boolean;
}

/** A GET route that streams bytes (audio), with the same auth, scope and rate limit as every other route. */
export type MediaRouteSpec<P extends AnyObject | undefined, Q extends AnyObject | undefined> = Omit<
  RouteSpec<P, Q, undefined, z.ZodType>,
  "method" | "body" | "response" | "status" | "idempotent" | "example" | "media"
> & { method: "GET"; media: MediaSpec };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * The request's claimed Idempotency-Key. A handler whose use-case writes its change in one transaction or
 * statement hands it `completion(body)`, the exact response body, and the use-case writes that with the change
 * (as createCall's insert does), so the stored response commits with it: a crash after the commit can no longer
 * leave the key IN_PROGRESS (a retry would get 409s, then run the change a second time once the record expired).
 * Handlers that do not ask for it get the record completed after they return.
 */
export interface RouteIdempotency {
  completion(body: unknown): IdempotencyCompletion;
}

export interface RouteContext<P, Q, B> {
  actor: Actor;
  principal: ApiKeyPrincipal;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  log: () => Logger;
  /** Present when the request carries an Idempotency-Key this request claimed. */
  idempotency: RouteIdempotency | null;
  /** The request's headers, for what the contract does not parse (a media route's Range). */
  headers: Headers;
}

export type AnyRouteSpec = RouteSpec<AnyObject | undefined, AnyObject | undefined, AnyObject | undefined, z.ZodType>;

export interface NextRouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export interface ApiRoute {
  spec: AnyRouteSpec;
  /** The App Router handler: `export const GET = route.handle`. */
  handle: (req: Request, ctx?: NextRouteContext) => Promise<Response>;
}

const EMPTY_PARAMS: NextRouteContext = { params: Promise.resolve({}) };
const NO_BODY = z.strictObject({});
// Responses are checked against their schema in tests, so the OpenAPI document cannot drift from what routes send.
const CHECK_RESPONSES = env.NODE_ENV === "test";

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: "body" | "query" | "path"): z.output<S> {
  if (findNulByte(value)) {
    // An id with a NUL is as malformed as any other: not found. Elsewhere the field is named.
    if (where === "path") throw new AppError("NOT_FOUND", "resource not found");
    rejectNulBytes(value, where === "query" ? "query" : undefined);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    // Another tenant's id and a malformed id read the same: not found.
    if (where === "path") throw new AppError("NOT_FOUND", "resource not found");
    throw validationError(result.error.issues, where);
  }
  return result.data;
}

type AnyRouteContext = RouteContext<unknown, unknown, unknown>;
/** What a handler produced: a JSON body (checked, stored for idempotency, serialized here) or a finished response. */
type Produced = { json: unknown } | { raw: Response };

export function defineRoute<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends AnyObject | undefined = undefined, R extends z.ZodType = z.ZodType>(
  spec: RouteSpec<P, Q, B, R>,
  handler: (ctx: RouteContext<Out<P>, Out<Q>, Out<B>>) => Promise<z.input<R>>,
): ApiRoute {
  return buildRoute(spec as unknown as AnyRouteSpec, async (ctx) => ({ json: await handler(ctx as RouteContext<Out<P>, Out<Q>, Out<B>>) }));
}

/**
 * A GET route whose handler returns its own Response (a media stream), behind the same auth, scope and rate
 * limit. The request id and rate-limit headers are added; the handler's own headers (Cache-Control) win.
 */
export function defineMediaRoute<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined>(
  spec: MediaRouteSpec<P, Q>,
  handler: (ctx: RouteContext<Out<P>, Out<Q>, undefined>) => Promise<Response>,
): ApiRoute {
  const full: AnyRouteSpec = { ...(spec as unknown as AnyRouteSpec), response: z.unknown() };
  return buildRoute(full, async (ctx) => ({ raw: await handler(ctx as RouteContext<Out<P>, Out<Q>, undefined>) }));
}

function buildRoute(spec: AnyRouteSpec, produce: (ctx: AnyRouteContext) => Promise<Produced>): ApiRoute {
  const idempotent = spec.idempotent ?? spec.method === "POST";
  const acceptsBody = spec.method === "POST" || spec.method === "PATCH";
  const status = spec.status ?? 200;

  async function handle(req: Request, nextCtx: NextRouteContext = EMPTY_PARAMS): Promise<Response> {
    const started = performance.now();
    const res = await handleRequest(req, nextCtx);
    observeHttpRequest({ route: spec.path, method: spec.method, status: res.status, durationMs: performance.now() - started });
    return res;
  }

  async function handleRequest(req: Request, nextCtx: NextRouteContext): Promise<Response> {
    // src/proxy.ts has usually assigned one already; handlers called directly (tests) resolve their own.
    const requestId = resolveRequestId(req.headers.get("x-request-id"));
    const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
    let logger: Logger | undefined;
    const log = () => (logger ??= requestLogger(requestId));
    let claimed: ClaimedIdempotencyKey | null = null;

    try {
      rejectNulBytes({ "Idempotency-Key": req.headers.get("idempotency-key") });
      const credentials = parseAuthorization(req.headers.get("authorization"));
      if (!credentials) {
        throw new AppError("UNAUTHORIZED", "authenticate with `Authorization: Bearer irx_<key id>_<secret>` or HTTP Basic `<key id>:<secret>`");
      }
      const principal = await authenticateThrottled({ ip: clientIp(req.headers.get("x-forwarded-for")), keyId: credentials.keyId }, () => authenticateApiKey(credentials));
      if (spec.scope && !scopeAllows(principal.scopes, spec.scope)) {
        throw new AppError("FORBIDDEN", `this API key lacks the "${spec.scope}" scope needed for ${spec.method} ${spec.path}`, { details: { required_scope: spec.scope } });
      }
      const rate = await consumeRateLimit(principal.keyId, principal.rateLimitPerSecond);
      headers["x-ratelimit-limit"] = String(rate.limit);
      headers["x-ratelimit-remaining"] = String(rate.remaining);

      const url = new URL(req.url);
      const params = spec.params ? parseWith(spec.params, await nextCtx.params, "path") : undefined;
      const query = spec.query ? parseWith(spec.query, searchParamsObject(url), "query") : url.search.length > 1 ? parseWith(NO_BODY, searchParamsObject(url), "query") : undefined;
      let body: unknown;
      if (acceptsBody) {
        const raw = await readRequestBody(req, { maxBytes: env.API_MAX_BODY_BYTES, schema: spec.body });
        body = parseWith(spec.body ?? NO_BODY, raw ?? {}, "body");

        const claim = await claimRequestIdempotency({
          tenantId: principal.tenantId,
          key: idempotent ? req.headers.get("idempotency-key") : null,
          method: spec.method,
          path: url.pathname,
          body: raw,
          headers,
        });
        if (claim && "replay" in claim) return claim.replay;
        claimed = claim?.claimed ?? null;
      }

      const actor: Actor = { tenantId: principal.tenantId, role: "DEVELOPER", userId: null, apiKeyId: principal.keyId, impersonatorId: null, requestId, ip: clientIp(req.headers.get("x-forwarded-for")) };
      const key = claimed;
      const encode = (responseBody: unknown) => (status === 204 ? "" : JSON.stringify(responseBody));
      const idempotency: RouteIdempotency | null = key ? { completion: (responseBody) => key.completion(status, encode(responseBody)) } : null;
      const produced = await produce({ actor, principal, params, query, body, requestId, log, idempotency, headers: req.headers });
      if ("raw" in produced) {
        for (const [name, value] of Object.entries(headers)) if (!produced.raw.headers.has(name)) produced.raw.headers.set(name, value);
        return produced.raw;
      }
      const result = produced.json;
      if (CHECK_RESPONSES && status !== 204) spec.response.parse(result);

      await key?.finish(status, encode(result));
      return jsonResponse(status, result, headers);
    } catch (err) {
      await claimed?.release();
      return errorResponse(err, headers, log);
    }
  }

  return { spec, handle };
}

/** Unauthenticated JSON routes (ping, the OpenAPI document) with the same request id and error handling. */
export function definePublicRoute(handler: (req: Request) => Promise<unknown> | unknown): (req: Request) => Promise<Response> {
  return async (req) => {
    // src/proxy.ts has usually assigned one already; handlers called directly (tests) resolve their own.
    const requestId = resolveRequestId(req.headers.get("x-request-id"));
    const headers: Record<string, string> = { "x-request-id": requestId };
    try {
      return jsonResponse(200, await handler(req), headers);
    } catch (err) {
      return errorResponse(err, headers, () => requestLogger(requestId));
    }
  };
}
