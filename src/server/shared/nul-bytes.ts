// PostgreSQL text cannot hold U+0000: a NUL anywhere in a string that reaches the database fails the statement
// (SQLSTATE 22021), which used to surface as a 500. Every surface checks its input here first and answers 400
// naming the field.
import { AppError } from "@/server/errors";

export const NUL_MESSAGE = "contains a NUL character (U+0000), which is not allowed";

/** The dotted path of the first string (or key) holding U+0000 in a JSON-like value, or null. */
export function findNulByte(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path || "body" : null;
  if (depth > 64 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulByte(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return childPath;
    const found = findNulByte(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws a 400 naming the field when `value` holds a NUL character (details in the use-cases' fieldErrors form). */
export function rejectNulBytes(value: unknown, prefix?: string): void {
  const field = findNulByte(value);
  if (!field) return;
  const name = prefix ? `${prefix}.${field}` : field;
  throw new AppError("VALIDATION_FAILED", `${name}: ${NUL_MESSAGE}`, { details: { fieldErrors: { [name]: [NUL_MESSAGE] } } });
}
