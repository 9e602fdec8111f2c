"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { formRef, errors, show, attempt } = useFormErrors();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      show({ fields: { confirm: "The two passwords differ" }, form: null, appCode: null });
      return;
    }
    await attempt(async () => {
      const { email } = await reset.mutateAsync({ token, password });
      router.replace(`/sign-in?reset=1&email=${encodeURIComponent(email)}`);
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormErrorAlert message={errors?.form}>
        {" "}
        <Link href="/forgot-password" className="font-medium underline underline-offset-4">
          Ask for a new link
        </Link>
      </FormErrorAlert>
      <FormField label="New password" description="At least 10 characters." error={errors?.fields.password}>
        <Input name="password" type="password" autoComplete="new-password" required autoFocus />
      </FormField>
      <FormField label="Confirm password" error={errors?.fields.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" required />
      </FormField>
      <Button type="submit" disabled={reset.isPending} className="w-full">
        {reset.isPending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
