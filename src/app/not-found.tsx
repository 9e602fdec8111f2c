import type { Metadata } from "next";
import Link from "next/link";
import { Brand } from "@/components/shared/brand";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 p-4 text-center">
      <Brand />
      <div className="max-w-md space-y-2">
        <p className="text-sm font-medium text-muted-foreground">Error 404</p>
        <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="text-sm text-muted-foreground">The address may be mistyped, or the page has moved.</p>
      </div>
      <Button asChild>
        <Link href="/">Go to your workspace</Link>
      </Button>
    </main>
  );
}
