"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

const WRONG_CREDENTIALS = "Incorrect email or password";

export function SignInForm({ callbackUrl, initialError, initialEmail }: { callbackUrl: string; initialError: string | null; initialEmail?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  // Only a credentials refusal is the password's fault; a suspension message is about the account.
  const [passwordRejected, setPasswordRejected] = useState(false);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { redirect: false, email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
    if (!result || result.error) {
      const message = result?.error && result.error !== "CredentialsSignin" ? result.error : WRONG_CREDENTIALS;
      setPending(false);
      setError(message);
      setPasswordRejected(message === WRONG_CREDENTIALS);
      if (message === WRONG_CREDENTIALS) passwordRef.current?.select();
      passwordRef.current?.focus();
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormErrorAlert message={error} />
      <FormField label="Email">
        <Input name="email" type="email" autoComplete="email" required autoFocus={!initialEmail} defaultValue={initialEmail} />
      </FormField>
      <FormField label="Password">
        <Input ref={passwordRef} name="password" type="password" autoComplete="current-password" required autoFocus={Boolean(initialEmail)} aria-invalid={passwordRejected || undefined} />
      </FormField>
      <div className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
          Forgot your password?
        </Link>
      </div>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
