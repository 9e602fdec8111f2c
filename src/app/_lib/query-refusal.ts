import type { ZodError } from "zod";

/** A route handler's 400 for a query string that does not parse, naming each field that is wrong. */
export function refuseQuery(error: ZodError): Response {
  return Response.json({ error: { code: "VALIDATION_FAILED", message: error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } }, { status: 400 });
}
