"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn, signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";

interface Props {
  token: string;
  email: string;
  tenantName: string;
  hasAccount: boolean;
  /** Email of whoever is signed in on this browser, if anyone. */
  signedInAs: string | null;
}

export function AcceptInvitation({ token, email, tenantName, hasAccount, signedInAs }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const { formRef, errors, show, attempt } = useFormErrors();
  const [finishing, setFinishing] = useState(false);
  const accept = useMutation(trpc.auth.acceptInvitation.mutationOptions());
  const switchTenant = useMutation(trpc.tenant.switch.mutationOptions());
  const invitePath = `/invite/${token}`;

  async function joinAsNewUser(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const password = String(form.get("password") ?? "");
    // Checked here too because zod reports the nested `newUser` fields as one entry, not per field.
    const fields = {
      name: name.trim() ? undefined : "Enter your name",
      password: password.length >= 10 ? undefined : "Use at least 10 characters",
    };
    if (fields.name || fields.password) {
      show({ fields, form: null, appCode: null });
      return;
    }
    const joined = await attempt(
      () => accept.mutateAsync({ token, newUser: { name, password } }),
      (found) => ({ ...found, form: found.form ?? found.fields.newUser ?? null }),
    );
    if (!joined) return;
    setFinishing(true);
    await signIn("credentials", { redirect: false, email, password });
    router.replace("/");
    router.refresh();
  }

  async function joinAsSignedInUser() {
    await attempt(async () => {
      const { tenantId } = await accept.mutateAsync({ token });
      setFinishing(true);
      await switchTenant.mutateAsync({ tenantId });
      router.replace("/");
      router.refresh();
    });
  }

  const errorAlert = <FormErrorAlert message={errors?.form} />;

  if (!hasAccount) {
    return (
      <form ref={formRef} onSubmit={joinAsNewUser} className="grid gap-4" noValidate>
        {errorAlert}
        <FormField label="Email">
          <Input value={email} readOnly disabled />
        </FormField>
        <FormField label="Your name" error={errors?.fields.name}>
          <Input name="name" autoComplete="name" required autoFocus />
        </FormField>
        <FormField label="Choose a password" description="At least 10 characters." error={errors?.fields.password}>
          <Input name="password" type="password" autoComplete="new-password" required />
        </FormField>
        <Button type="submit" disabled={accept.isPending || finishing} className="w-full">
          {accept.isPending || finishing ? "Joining…" : `Join ${tenantName}`}
        </Button>
      </form>
    );
  }

  if (signedInAs === email) {
    return (
      <div className="grid gap-4">
        {errorAlert}
        <p className="text-sm text-muted-foreground">You are signed in as {email}.</p>
        <Button onClick={joinAsSignedInUser} disabled={accept.isPending || finishing} className="w-full" autoFocus>
          {accept.isPending || finishing ? "Joining…" : `Join ${tenantName}`}
        </Button>
      </div>
    );
  }

  const signInHref = `/sign-in?callbackUrl=${encodeURIComponent(invitePath)}&email=${encodeURIComponent(email)}`;
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        {signedInAs ? `You are signed in as ${signedInAs}, but this invitation is for ${email}.` : `${email} already has an IRISX account. Sign in to accept.`}
      </p>
      {signedInAs ? (
        <Button onClick={() => signOut({ callbackUrl: signInHref })} className="w-full">
          Sign out and continue as {email}
        </Button>
      ) : (
        <Button asChild className="w-full">
          <Link href={signInHref}>Sign in as {email}</Link>
        </Button>
      )}
    </div>
  );
}
