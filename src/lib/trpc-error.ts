// Turns a failed tRPC call into what a form shows: per-field messages (from zod) and one form-level message.
import { TRPCClientError } from "@trpc/client";

export interface FormErrors {
  fields: Record<string, string | undefined>;
  form: string | null;
  appCode: string | null;
}

export function formErrorsFrom(error: unknown): FormErrors {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string[] | undefined> | null; appCode?: string | null } | undefined;
    const fields: Record<string, string | undefined> = {};
    for (const [key, messages] of Object.entries(data?.fieldErrors ?? {})) fields[key] = messages?.[0];
    const hasFields = Object.values(fields).some(Boolean);
    return { fields, form: hasFields ? null : error.message, appCode: data?.appCode ?? null };
  }
  return { fields: {}, form: "Something went wrong. Check your connection and try again.", appCode: null };
}

/** Moves focus to the first invalid control of a form, so keyboard and screen-reader users land on the problem. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
}
