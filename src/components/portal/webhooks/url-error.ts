import type { FormErrors } from "@/lib/trpc-error";

/**
 * The server refuses unsafe URLs with VALIDATION_FAILED and a message "url: ..." (the SSRF check needs DNS, so
 * it runs in the use-case rather than in the zod schema); this moves that message under the URL field.
 */
export function urlErrorOnField(found: FormErrors): FormErrors {
  if (found.appCode === "VALIDATION_FAILED" && found.form?.startsWith("url: ")) return { ...found, fields: { ...found.fields, url: found.form.slice(5) }, form: null };
  return found;
}
