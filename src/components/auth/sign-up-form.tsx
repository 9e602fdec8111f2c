"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { conflictOnField, useFormErrors } from "@/components/shared/use-form-errors";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const { formRef, errors, attempt } = useFormErrors();
  const [signingIn, setSigningIn] = useState(false);
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      companyName: String(form.get("companyName") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    if (!(await attempt(() => signUp.mutateAsync(input), conflictOnField("email")))) return;
    setSigningIn(true);
    const result = await signIn("credentials", { redirect: false, email: input.email, password: input.password });
    if (result?.error) {
      router.replace(`/sign-in?email=${encodeURIComponent(input.email)}`);
      return;
    }
    router.replace("/");
    router.refresh();
  }

  const pending = signUp.isPending || signingIn;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormErrorAlert message={errors?.form} />
      <FormField label="Your name" error={errors?.fields.name}>
        <Input name="name" autoComplete="name" required autoFocus />
      </FormField>
      <FormField label="Company" description="2 to 100 characters; it names your workspace." error={errors?.fields.companyName}>
        <Input name="companyName" autoComplete="organization" required minLength={2} maxLength={100} />
      </FormField>
      <FormField label="Work email" error={errors?.fields.email}>
        <Input name="email" type="email" autoComplete="email" required />
      </FormField>
      <FormField label="Password" description="At least 10 characters." error={errors?.fields.password}>
        <Input name="password" type="password" autoComplete="new-password" required minLength={10} />
      </FormField>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating your workspace…" : "Create account"}
      </Button>
      <p className="text-center text-xs text-muted-foreground">Your workspace starts with free trial credit. No card needed.</p>
    </form>
  );
}
