import { z } from "zod";
import { AppError } from "@/server/errors";

/**
 * The input parsed by `schema`, or VALIDATION_FAILED (400) naming each failing field, in the shape the tRPC error
 * formatter passes on (`details.fieldErrors`). For use-cases that are also called outside tRPC (benchmarks, jobs).
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${(messages ?? []).join(", ")}`)
    .join("; ");
  throw new AppError("VALIDATION_FAILED", summary || parsed.error.message, { details: { fieldErrors } });
}
