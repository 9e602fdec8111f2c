// The OpenAPI 3.1 document, generated from the route contracts (zod schemas) in API_V1_ROUTES.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from "zod-openapi";
import { env } from "@/env";
import { API_KEY_SCOPES } from "@/server/api-keys/api-keys.schemas";
import type { AnyRouteSpec, ApiRoute } from "@/server/api/define-route";
import { ZApiError } from "@/server/api/http";
import { BODY_CONTENT_TYPES } from "@/server/api/request-body";
import { API_V1_ROUTES } from "@/server/api/v1";
import { voiceDocumentOpenApiSchema } from "@/server/voice-documents/voice-document-json-schema";

const API_VERSION = "1.0.0";

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON, a wrong type or value, or an unknown field; `details` names each failing field",
  401: "Missing, unknown, wrong or revoked API key (response carries `WWW-Authenticate`)",
  402: "The account's prepaid credit is used up (`INSUFFICIENT_CREDIT`)",
  403: "The key lacks the required scope, or the account is suspended (`TENANT_SUSPENDED`)",
  404: "No such object in this account (objects of other accounts are reported the same way)",
  409: "A request with the same `Idempotency-Key` is still in progress",
  413: "Request body larger than the limit",
  415: "Body sent with a Content-Type other than JSON or form-encoded",
  422: "`Idempotency-Key` already used with a different request (`IDEMPOTENCY_KEY_REUSED`)",
  429: "Rate limit of the API key exceeded; retry after `Retry-After` seconds",
  500: "Unexpected error; quote the `X-Request-Id` to support",
  503: "Temporarily unavailable (`UNAVAILABLE`: the database cannot be reached); retry after `Retry-After` seconds",
};

const requestIdHeader = z.string().meta({ description: "Id of this request, also on every log line it produced", example: "3b1f6c1e-5b0e-4d89-9a9f-0e4a3b1d2c77" });

function errorResponse(status: number) {
  return {
    description: ERROR_DESCRIPTIONS[status] ?? "Error",
    headers: z.object({
      "X-Request-Id": requestIdHeader,
      ...(status === 429 || status === 503 ? { "Retry-After": z.string().meta({ description: "Seconds to wait before retrying", example: "1" }) } : {}),
      ...(status === 401 ? { "WWW-Authenticate": z.string().meta({ example: 'Bearer realm="IRISX API", Basic realm="IRISX API"' }) } : {}),
    }),
    content: { "application/json": { schema: ZApiError } },
  };
}

/** A curl command for the route, with placeholders for ids and the key. */
export function curlExample(spec: AnyRouteSpec, baseUrl = env.APP_URL): string {
  const url = `${baseUrl}${spec.path.replace(/\{(\w+)\}/g, (_m, name: string) => `<${name}>`)}`;
  const lines = [`curl${spec.method === "GET" ? "" : ` -X ${spec.method}`} "${url}"`, `  -H "Authorization: Bearer $IRISX_API_KEY"`];
  if (spec.body) {
    lines.push(`  -H "Content-Type: application/json"`);
    if (spec.method === "POST") lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
    lines.push(`  -d '${JSON.stringify(spec.example ?? {})}'`);
  }
  return lines.join(" \\\n");
}

/** Byte responses: the whole object (200), one range of it (206), or a range past its end (416). */
function mediaResponses(media: NonNullable<AnyRouteSpec["media"]>): Record<string, ZodOpenApiResponseObject> {
  const content = { [media.contentType]: { schema: z.string().meta({ format: "binary" }) } };
  const common = {
    "X-Request-Id": requestIdHeader,
    "Accept-Ranges": z.literal("bytes"),
    "Content-Length": z.string().meta({ description: "Bytes in this response" }),
    "Cache-Control": z.literal("private, no-store"),
  };
  if (!media.ranges) return { "200": { description: "The bytes", headers: z.object(common), content } };
  return {
    "200": { description: "The whole file", headers: z.object(common), content },
    "206": { description: "The requested byte range", headers: z.object({ ...common, "Content-Range": z.string().meta({ example: "bytes 0-1023/48044" }) }), content },
    "416": {
      description: "The range starts past the end of the file",
      headers: z.object({ "X-Request-Id": requestIdHeader, "Content-Range": z.string().meta({ example: "bytes */48044" }) }),
    },
  };
}

function operation(spec: AnyRouteSpec): ZodOpenApiOperationObject {
  const idempotent = spec.idempotent ?? spec.method === "POST";
  const status = spec.status ?? 200;
  const errors = [401, 403, 429, 500, 503];
  if (spec.params) errors.push(404);
  if (spec.query || spec.body) errors.push(400);
  if (spec.body) errors.push(413, 415);
  if (idempotent) errors.push(409, 422);
  if (spec.media?.ranges) errors.push(416);
  for (const code of spec.errors ?? []) if (!errors.includes(code)) errors.push(code);
  const responses: Record<string, ZodOpenApiResponseObject> = spec.media ? mediaResponses(spec.media) : {
    [String(status)]:
      status === 204
        ? { description: "Done" }
        : {
            description: "Success",
            headers: z.object({
              "X-Request-Id": requestIdHeader,
              "X-RateLimit-Limit": z.string().meta({ description: "Requests per second allowed for this key" }),
              "X-RateLimit-Remaining": z.string().meta({ description: "Requests left in the current second" }),
              ...(idempotent ? { "Idempotent-Replayed": z.literal("true").optional().meta({ description: "Present when this is a stored response replayed for a repeated Idempotency-Key" }) } : {}),
            }),
            content: { "application/json": { schema: spec.response } },
          },
  };
  for (const code of errors.sort()) responses[String(code)] ??= errorResponse(code);

  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: [spec.description, spec.scope ? `Requires the \`${spec.scope}\` scope.` : null].filter(Boolean).join("\n\n"),
    tags: [spec.tag],
    requestParams: {
      ...(spec.media?.ranges
        ? { header: z.object({ Range: z.string().optional().meta({ description: "One byte range: `bytes=a-b`, `bytes=a-` or `bytes=-n` (the last n bytes)", example: "bytes=0-1023" }) }) }
        : {}),
      ...(spec.params ? { path: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(idempotent
        ? {
            header: z.object({
              "Idempotency-Key": z.string().min(1).max(255).optional().meta({
                description: "Makes the request safe to retry: the same key with the same body returns the stored response for 24 hours; with another body, 422",
                example: "9f1c2e4a-6b7d-4e8f-a0b1-c2d3e4f5a6b7",
              }),
            }),
          }
        : {}),
    },
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              BODY_CONTENT_TYPES.map((type) => [type, { schema: spec.body!, ...(type === "application/json" && spec.example ? { example: spec.example } : {}) }]),
            ),
          },
        }
      : {}),
    responses,
    ...(spec.scope ? { "x-required-scope": spec.scope } : {}),
    "x-codeSamples": [{ lang: "curl", label: "curl", source: curlExample(spec) }],
  };
}

export function buildOpenApiDocument(routes: readonly ApiRoute[] = API_V1_ROUTES) {
  const paths: ZodOpenApiPathsObject = {};
  for (const { spec } of routes) {
    const item = (paths[spec.path] ??= {});
    (item as Record<string, ZodOpenApiOperationObject>)[spec.method.toLowerCase()] = operation(spec);
  }
  const tags = [...new Set(routes.map((r) => r.spec.tag))].map((name) => ({ name }));
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "IRISX API",
      version: API_VERSION,
      description: [
        "The IRISX REST API. Authenticate every request with an API key from the portal (Settings → API keys):",
        "`Authorization: Bearer irx_<key id>_<secret>`, or HTTP Basic with the key id as username and the secret as password (the form Twilio's client libraries use).",
        "Request bodies are JSON or `application/x-www-form-urlencoded`; unknown fields are rejected. Every failure returns `{ \"error\": { \"code\", \"message\", \"details\" } }`.",
        "Lists are paged with `limit` and `starting_after`. POST requests accept an `Idempotency-Key` header.",
        `Scopes: ${Object.entries(API_KEY_SCOPES).map(([s, what]) => `\`${s}\` (${what})`).join(", ")}.`,
      ].join("\n\n"),
    },
    servers: [{ url: env.APP_URL }],
    security: [{ bearerAuth: [] }, { basicAuth: [] }],
    tags,
    paths,
    components: {
      // Not yet referenced by a route: the call API's `instructions` are its flat subset until the call-control
      // interpreter runs whole documents (their description points here).
      schemas: { VoiceDocument: voiceDocumentOpenApiSchema() },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "irx_<key id>_<secret>", description: "The `bearer_token` shown when the key is created" },
        basicAuth: { type: "http", scheme: "basic", description: "Username: the key id (`AK…`); password: the secret" },
      },
    },
  });
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;
/** Built once per process: the routes cannot change while it runs. */
export function getOpenApiDocument() {
  return (cached ??= buildOpenApiDocument());
}
