// A tRPC error's field errors (the server's zod or AppError details), each message without its "field: " prefix.
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: unknown): FieldErrors {
  const data = (error as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } } | null)?.data;
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
    const first = messages?.[0];
    if (first) out[field] = first.startsWith(`${field}: `) ? first.slice(field.length + 2) : first;
  }
  return out;
}
