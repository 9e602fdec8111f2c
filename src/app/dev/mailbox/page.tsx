import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Mailbox } from "@/components/dev/mailbox";
import { Brand } from "@/components/shared/brand";
import { ThemeToggle } from "@/components/shared/theme-toggle";
import { isDevMailboxEnabled } from "@/server/email/is-dev-mailbox-enabled";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

export default function DevMailboxPage() {
  if (!isDevMailboxEnabled().enabled) notFound();
  return (
    <div className="min-h-dvh bg-muted/30">
      <header className="flex h-14 items-center justify-between border-b bg-background px-4 sm:px-6">
        <Brand suffix="Dev" />
        <ThemeToggle />
      </header>
      <Mailbox />
    </div>
  );
}
