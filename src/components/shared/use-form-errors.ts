"use client";

import { useRef, useState } from "react";
import { focusFirstInvalid, formErrorsFrom, type FormErrors } from "@/lib/trpc-error";

/** For a form whose CONFLICT error is about one field (a taken email address): shown beside that field, not in a banner. */
export function conflictOnField(field: string) {
  // The server may name the field itself (fieldErrors) or only say why (the message): either way it shows there.
  return (found: FormErrors): FormErrors =>
    found.appCode === "CONFLICT" ? { ...found, fields: { [field]: found.fields[field] ?? found.form ?? "Already taken" }, form: null } : found;
}

/**
 * The error state of a form that submits through tRPC: the errors to show, and the ref that lets a failed
 * submit move focus to the first invalid field so keyboard and screen-reader users land on the problem.
 */
export function useFormErrors() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors | null>(null);

  function show(next: FormErrors) {
    setErrors(next);
    focusFirstInvalid(formRef.current);
  }

  /** Clears the errors and runs `action`; what it throws is shown on the form (through `adapt`). True when it succeeded. */
  async function attempt(action: () => Promise<unknown>, adapt: (found: FormErrors) => FormErrors = (found) => found): Promise<boolean> {
    setErrors(null);
    try {
      await action();
      return true;
    } catch (e) {
      show(adapt(formErrorsFrom(e)));
      return false;
    }
  }

  return { formRef, errors, show, clear: () => setErrors(null), attempt };
}
