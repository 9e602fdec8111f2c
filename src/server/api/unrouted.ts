// Answers for requests no operation serves, in each public surface's own error shape instead of the framework's
// HTML page or empty body: an unknown path is a JSON 404 (Twilio's 20404 under /2010-04-01), a known path asked with
// a method it does not have is a JSON 405 with `Allow`.
import { resolveRequestId } from "@/lib/request-id";
import { errorResponse } from "@/server/api/http";
import { AppError } from "@/server/errors";
import { requestLogger } from "@/server/logger";
import { TwilioApiError, twilioErrorResponse } from "@/server/twilio/twilio-errors";

export type Surface = "api" | "twilio";
type Handler = (req: Request) => Promise<Response>;
const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function answer(surface: Surface, req: Request, error: AppError | TwilioApiError, extra: Record<string, string> = {}): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get("x-request-id"));
  const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store", ...extra };
  const log = () => requestLogger(requestId);
  return Promise.resolve(surface === "api" ? errorResponse(error, headers, log) : twilioErrorResponse(error, headers, log));
}

/** Every method of a catch-all route: the path names no resource of the surface. */
export function unknownPath(surface: Surface): Record<(typeof ALL_METHODS)[number], Handler> {
  const handler: Handler = (req) =>
    answer(surface, req, surface === "api" ? new AppError("NOT_FOUND", `no such path: ${new URL(req.url).pathname}`) : new TwilioApiError(404, 20404, "The requested resource was not found"));
  return Object.fromEntries(ALL_METHODS.map((m) => [m, handler])) as Record<(typeof ALL_METHODS)[number], Handler>;
}

/** Marks the handlers `otherMethods` made, so the OpenAPI test does not count them as operations. */
export const NOT_ALLOWED = Symbol.for("irisx.methodNotAllowed");

/** The methods a route file does not serve, each a 405 naming the ones it does. Spread into the route's exports. */
export function otherMethods(surface: Surface, allowed: readonly string[]): Partial<Record<(typeof ALL_METHODS)[number], Handler>> {
  const allow = allowed.join(", ");
  const handler = Object.assign(
    (req: Request) =>
      answer(
        surface,
        req,
        surface === "api"
          ? new AppError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here; use ${allow}`)
          : new TwilioApiError(405, 20004, `Method not allowed: ${req.method}; use ${allow}`),
        { allow },
      ),
    { [NOT_ALLOWED]: true },
  );
  return Object.fromEntries(ALL_METHODS.filter((m) => !allowed.includes(m)).map((m) => [m, handler]));
}
