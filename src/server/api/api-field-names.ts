// The use-cases name fields as TypeScript does (`phoneNumber`); the REST API spells them snake_case (`phone_number`).
import { ZodError } from "zod";
import { validationError } from "@/server/api/http";
import { AppError } from "@/server/errors";

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Runs a use-case and reports the fields it names (`phoneNumber`) as the API spells them (`phone_number`). */
export async function withApiFieldNames<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ZodError) throw validationError(e.issues.map((i) => ({ ...i, path: i.path.map((p) => (typeof p === "string" ? snake(p) : p)) })), "body");
    const fieldErrors = e instanceof AppError ? (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors : undefined;
    if (e instanceof AppError && fieldErrors) {
      throw new AppError(e.code, e.message, { details: { fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [snake(k), v])) }, retryAfter: e.retryAfter, cause: e });
    }
    throw e;
  }
}
