"use client";

import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";

/** Sends the email-confirmation link again, with the same toasts wherever the button sits (banner, settings, checklist). */
export function useResendVerification(email?: string) {
  const trpc = useTRPC();
  return useToastMutation(trpc.auth.resendVerification.mutationOptions(), {
    success: (r) => (r.alreadyVerified ? "Your email is already confirmed" : email ? `We sent a new link to ${email}` : "We sent you a new confirmation link"),
    error: (e) => formErrorsFrom(e).form ?? "Could not send the email",
  });
}
