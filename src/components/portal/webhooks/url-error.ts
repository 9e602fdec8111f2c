/**
 * The server refuses unsafe URLs with VALIDATION_FAILED and a message "url: ..." (the SSRF check needs DNS, so
 * it runs in the use-case rather than in the zod schema); show that message under the URL field.
 */
export function urlErrorOf(error: { message: string; data?: { appCode?: string | null; fieldErrors?: unknown } | null } | null): string | undefined {
  if (!error) return undefined;
  const fieldErrors = error.data?.fieldErrors as Record<string, string[] | undefined> | null | undefined;
  if (fieldErrors?.url?.[0]) return fieldErrors.url[0];
  if (error.data?.appCode === "VALIDATION_FAILED" && error.message.startsWith("url: ")) return error.message.slice(5);
  return undefined;
}
