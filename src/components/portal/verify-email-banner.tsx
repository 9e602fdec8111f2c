"use client";

import { MailWarningIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { useResendVerification } from "@/components/portal/use-resend-verification";

/** `devMailbox`: in development no mail leaves the machine, so the banner links where the link can be read. */
export function VerifyEmailBanner({ email, devMailbox = false }: { email: string; devMailbox?: boolean }) {
  const resend = useResendVerification(email);
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-warning/40 bg-warning/15 px-4 py-2 text-sm md:px-6">
      <MailWarningIcon className="size-4 shrink-0 text-warning-foreground dark:text-warning" aria-hidden="true" />
      <span className="min-w-0 flex-1">
        Confirm your email address: we sent a link to <strong className="font-medium">{email}</strong>.
      </span>
      {devMailbox && (
        <Button size="sm" variant="link" className="h-7 px-1" asChild>
          <Link href="/dev/mailbox">Open the dev mailbox</Link>
        </Button>
      )}
      <Button size="sm" variant="outline" className="h-7 bg-background/60" onClick={() => resend.mutate()} disabled={resend.isPending}>
        {resend.isPending ? "Sending…" : "Resend"}
      </Button>
    </div>
  );
}
