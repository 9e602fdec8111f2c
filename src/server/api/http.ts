// The REST layer's single error shape and its mapping from AppError / ZodError / anything else.
import { z, ZodError, type core } from "zod";
import { AppError, ERROR_HTTP_STATUS, type ErrorCode } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { databaseUnavailableError } from "@/server/db-errors";

export const ZFieldError = z
  .object({ field: z.string().meta({ example: "scopes.0" }), message: z.string().meta({ example: "Invalid option" }) })
  .meta({ id: "FieldError" });

export const ZApiError = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_HTTP_STATUS) as [ErrorCode, ...ErrorCode[]]).meta({ description: "Stable, machine-readable code", example: "VALIDATION_FAILED" }),
      message: z.string().meta({ description: "Human-readable explanation", example: "name: Too small: expected string to have >=1 characters" }),
      details: z
        .union([z.array(ZFieldError), z.record(z.string(), z.unknown()), z.null()])
        .meta({ description: "For validation errors, one entry per failing field; otherwise extra context or null" }),
    }),
  })
  .meta({ id: "Error", description: "Every failure of the API has this shape." });

export type FieldError = z.infer<typeof ZFieldError>;

export const WWW_AUTHENTICATE = 'Bearer realm="IRISX API", Basic realm="IRISX API"';

/** zod issues as `{ field, message }`, with unknown keys reported one field each (so clients see the name). */
export function fieldErrors(issues: readonly core.$ZodIssue[], prefix?: string): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ field: base ? `${base}.${key}` : key, message: "unknown field" });
    } else {
      out.push({ field: base || (prefix ?? "body"), message: issue.message });
    }
  }
  return out;
}

export function validationError(issues: readonly core.$ZodIssue[], where: "body" | "query" | "path"): AppError {
  const details = fieldErrors(issues);
  const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
  return new AppError("VALIDATION_FAILED", `invalid ${where === "body" ? "request body" : `${where} parameters`}: ${summary}`, { details });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string>): Response {
  if (status === 204) return new Response(null, { status, headers });
  headers["content-type"] = "application/json; charset=utf-8";
  return new Response(JSON.stringify(body), { status, headers });
}

/** Maps any thrown value to the API's error response. Unknown errors are 500 and logged with the request id. */
export function errorResponse(err: unknown, headers: Record<string, string>, log: () => Logger): Response {
  let app: AppError;
  const unavailable = databaseUnavailableError(err);
  if (err instanceof AppError) app = err;
  else if (err instanceof ZodError) app = validationError(err.issues, "body");
  else if (unavailable) {
    log().warn({ err }, "database unreachable: answering 503");
    app = unavailable;
  } else {
    log().error({ err }, "unhandled error in API route");
    app = new AppError("INTERNAL", `internal error; quote request id ${headers["x-request-id"] ?? "(none)"} when contacting support`);
  }
  const details = app.details as { fieldErrors?: Record<string, string[]> } | undefined;
  if (details?.fieldErrors) {
    // Use-cases name failing fields zod-flatten style; the API reports every field error as { field, message }.
    app = new AppError(app.code, app.message, {
      details: Object.entries(details.fieldErrors).flatMap(([field, messages]) => messages.map((message) => ({ field, message }))),
      retryAfter: app.retryAfter,
    });
  }
  if (app.code === "UNAUTHORIZED") headers["www-authenticate"] = WWW_AUTHENTICATE;
  if (app.retryAfter !== undefined) headers["retry-after"] = String(app.retryAfter);
  return jsonResponse(app.httpStatus, { error: { code: app.code, message: app.message, details: app.details ?? null } }, headers);
}

/** A URL's query as an object: a key given once maps to its value, a repeated key to the list of its values. */
export function searchParamsObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}
