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
/** The server's answer when the password was right and the account has a second factor (authenticate-user.ts). */
const SECOND_FACTOR_REQUIRED = /^second_factor_required/;
const WRONG_CODE = "Incorrect authentication code";

export function SignInForm({ callbackUrl, initialError, initialEmail }: { callbackUrl: string; initialError: string | null; initialEmail?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  // Only a credentials refusal is the password's fault; a suspension message is about the account.
  const [passwordRejected, setPasswordRejected] = useState(false);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  // Shown once the password was accepted and the account asks for its second factor.
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      code: String(form.get("code") ?? ""),
    });
    if (!result || result.error) {
      const message = result?.error && result.error !== "CredentialsSignin" ? result.error : WRONG_CREDENTIALS;
      setPending(false);
      if (SECOND_FACTOR_REQUIRED.test(message) || message === WRONG_CODE) {
        setAskCode(true);
        setError(message === WRONG_CODE ? message : null);
        setTimeout(() => codeRef.current?.focus(), 0);
        return;
      }
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
      {askCode && (
        <FormField label="Authentication code" description="The 6-digit code from your authenticator app, or one of your recovery codes.">
          <Input ref={codeRef} name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={32} className="font-mono tracking-widest" />
        </FormField>
      )}
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
