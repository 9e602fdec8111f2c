"use client";

import { useQuery } from "@tanstack/react-query";
import { ShieldCheckIcon } from "lucide-react";
import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="flex flex-col gap-2 rounded-md border bg-muted/40 p-4">
      <p className="text-sm font-medium">Recovery codes: keep them somewhere safe. Each works once, and they are shown only now.</p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm sm:grid-cols-5">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <CopyButton value={codes.join("\n")} label="Copy recovery codes" />
    </div>
  );
}

/** One code field and its button: confirming enrolment, new recovery codes, turning it off. */
function CodeForm({ label, submit, pending, onSubmit, errors, formRef }: {
  label: string;
  submit: string;
  pending: boolean;
  onSubmit: (code: string) => void;
  errors: ReturnType<typeof useFormErrors>["errors"];
  formRef: ReturnType<typeof useFormErrors>["formRef"];
}) {
  const [code, setCode] = useState("");
  function handle(e: FormEvent) {
    e.preventDefault();
    onSubmit(code);
  }
  return (
    <form ref={formRef} onSubmit={handle} className="flex flex-wrap items-end gap-2">
      <FormField label={label} error={errors?.fields.code} className="w-56">
        <Input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" maxLength={32} className="font-mono tracking-widest" />
      </FormField>
      <Button type="submit" disabled={pending || code.trim() === ""} title={code.trim() === "" ? "Enter a code first" : undefined}>
        {submit}
      </Button>
      <FormErrorAlert message={errors?.form} />
    </form>
  );
}

/**
 * The signed-in user's second factor (TOTP). `reauthAfterEnrol`: staff must sign in again with the new factor
 * before /admin opens, so enrolment ends with a sign-out button.
 */
export function TwoFactorSettings({ reauthAfterEnrol = false }: { reauthAfterEnrol?: boolean }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.twoFactor.status.queryOptions());
  const invalidate = [trpc.twoFactor.status.queryKey()];
  const begin = useToastMutation(trpc.twoFactor.begin.mutationOptions(), { invalidate });
  const confirm = useToastMutation(trpc.twoFactor.confirm.mutationOptions(), { success: "Two-factor authentication is on", invalidate, error: false });
  const regenerate = useToastMutation(trpc.twoFactor.regenerateRecoveryCodes.mutationOptions(), { success: "New recovery codes", invalidate, error: false });
  const disable = useToastMutation(trpc.twoFactor.disable.mutationOptions(), { invalidate, error: false });
  const confirmForm = useFormErrors();
  const regenerateForm = useFormErrors();
  const disableForm = useFormErrors();
  const [codes, setCodes] = useState<string[] | null>(null);

  const enabled = status.data?.enabled ?? false;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ShieldCheckIcon className="size-5" /> Two-factor authentication {status.data && <Badge variant={enabled ? "secondary" : "outline"}>{enabled ? "On" : "Off"}</Badge>}
        </CardTitle>
        <CardDescription>A code from an authenticator app (Google Authenticator, 1Password, Authy…) at every sign-in, besides your password.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {codes && <RecoveryCodes codes={codes} />}
        {codes && reauthAfterEnrol && (
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm">Sign in again with a code from the app to open the admin console.</p>
            <Button onClick={() => void signOut({ callbackUrl: "/sign-in?callbackUrl=/admin" })}>Sign out and sign in again</Button>
          </div>
        )}
        {!enabled && !begin.data && (
          <Button className="w-fit" onClick={() => begin.mutate()} disabled={begin.isPending || status.isPending}>
            {begin.isPending ? "Preparing…" : "Set up two-factor authentication"}
          </Button>
        )}
        {!enabled && begin.data && (
          <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL rendered on the server, not an optimisable asset */}
            <img src={begin.data.qrCode} alt="QR code to scan with an authenticator app" className="size-44 rounded-md border bg-white p-2" />
            <div className="flex flex-col gap-3">
              <p className="text-sm">Scan the code with your authenticator app, or type this key into it:</p>
              <span className="flex items-center gap-2">
                <code aria-label="Set-up key" className="rounded bg-muted px-2 py-1 font-mono text-sm break-all">
                  {begin.data.secret}
                </code>
                <CopyButton value={begin.data.secret} label="Copy set-up key" />
              </span>
              <CodeForm
                label="Code from the app"
                submit={confirm.isPending ? "Checking…" : "Turn on"}
                pending={confirm.isPending}
                errors={confirmForm.errors}
                formRef={confirmForm.formRef}
                onSubmit={(code) => void confirmForm.attempt(async () => setCodes((await confirm.mutateAsync({ code })).recoveryCodes))}
              />
            </div>
          </div>
        )}
        {enabled && !codes && (
          <>
            <p className="text-sm text-muted-foreground">
              On since {status.data?.enabledAt?.toLocaleDateString()}; {status.data?.recoveryCodesLeft} recovery codes left.
            </p>
            <CodeForm
              label="Code, for new recovery codes"
              submit={regenerate.isPending ? "Making…" : "New recovery codes"}
              pending={regenerate.isPending}
              errors={regenerateForm.errors}
              formRef={regenerateForm.formRef}
              onSubmit={(code) => void regenerateForm.attempt(async () => setCodes((await regenerate.mutateAsync({ code })).recoveryCodes))}
            />
            <CodeForm
              label="Code, to turn it off (signs you out everywhere)"
              submit={disable.isPending ? "Turning off…" : "Turn off"}
              pending={disable.isPending}
              errors={disableForm.errors}
              formRef={disableForm.formRef}
              onSubmit={(code) =>
                void disableForm.attempt(async () => {
                  await disable.mutateAsync({ code });
                  await signOut({ callbackUrl: "/sign-in" });
                })
              }
            />
          </>
        )}
      </CardContent>
    </Card>
  );
}
