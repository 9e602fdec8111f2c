"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const { formRef, errors, attempt } = useFormErrors();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    if (await attempt(() => request.mutateAsync({ email }))) setSentTo(email);
  }

  if (sentTo) {
    return (
      <Alert variant="success" role="status">
        <AlertTitle>Check your inbox</AlertTitle>
        <AlertDescription>If {sentTo} has an IRISX account, a link to choose a new password is on its way. It works for one hour.</AlertDescription>
      </Alert>
    );
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormErrorAlert message={errors?.form} />
      <FormField label="Email" error={errors?.fields.email}>
        <Input name="email" type="email" autoComplete="email" required autoFocus />
      </FormField>
      <Button type="submit" disabled={request.isPending} className="w-full">
        {request.isPending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
