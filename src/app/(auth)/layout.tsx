import { MailIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Brand } from "@/components/shared/brand";
import { ThemeToggle } from "@/components/shared/theme-toggle";
import { isDevMailboxEnabled } from "@/server/email/is-dev-mailbox-enabled";

export default function AuthLayout({ children }: { children: ReactNode }) {
  // In development no mail leaves the machine: sign-up, verification and reset links are read in the dev mailbox.
  const mailbox = isDevMailboxEnabled();
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex h-14 items-center justify-between px-4 sm:px-6">
        <Brand />
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:items-center sm:pt-0">
        <div className="flex w-full max-w-sm flex-col gap-4">
          {children}
          {mailbox.enabled && !mailbox.staffOnly && (
            <p className="flex items-center justify-center gap-2 text-center text-xs text-muted-foreground">
              <MailIcon className="size-3.5 shrink-0" aria-hidden="true" />
              <span>
                Development: emails are not sent. Read them in the{" "}
                <Link href="/dev/mailbox" className="font-medium text-foreground underline underline-offset-4">
                  dev mailbox
                </Link>
                .
              </span>
            </p>
          )}
        </div>
      </main>
    </div>
  );
}
