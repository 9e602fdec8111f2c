"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCircle2Icon, Loader2Icon, XCircleIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";

/** Why the link did not work, in words: the server's own reason, or the field's, never an empty alert. */
function verifyFailure(error: unknown): string {
  const found = formErrorsFrom(error);
  const reason = found.form ?? Object.values(found.fields).find(Boolean);
  const advice = "Open the newest link from your email, or ask for a new one from the banner in your workspace.";
  if (reason && /^[A-Z]/.test(reason)) return reason;
  return reason ? `This confirmation link does not work: ${reason}. ${advice}` : `This confirmation link does not work. ${advice}`;
}

/**
 * Confirms on load from the browser rather than on the GET itself, so mail scanners that prefetch links do
 * not use up the token.
 */
export function VerifyEmailStatus({ token }: { token: string }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions());
  const started = useRef(false);
  const { mutate } = verify;

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate({ token });
  }, [mutate, token]);

  if (verify.isSuccess) {
    return (
      <div className="flex flex-col items-center gap-4 text-center" role="status">
        <CheckCircle2Icon className="size-10 text-success" aria-hidden="true" />
        <p className="text-sm">Your email address is confirmed.</p>
        <Button asChild className="w-full">
          <Link href="/">Continue to IRISX</Link>
        </Button>
      </div>
    );
  }
  if (verify.isError) {
    return (
      <div className="flex flex-col items-center gap-4 text-center" role="alert">
        <XCircleIcon className="size-10 text-destructive" aria-hidden="true" />
        <p className="text-sm">{verifyFailure(verify.error)}</p>
        <Button asChild variant="outline" className="w-full">
          <Link href="/">Go to IRISX</Link>
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-col items-center gap-4 text-center" role="status">
      <Loader2Icon className="size-8 animate-spin text-muted-foreground" aria-hidden="true" />
      <p className="text-sm text-muted-foreground">Confirming your email address…</p>
    </div>
  );
}
