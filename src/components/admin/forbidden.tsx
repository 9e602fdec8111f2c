import { ShieldXIcon } from "lucide-react";
import Link from "next/link";
import { Brand } from "@/components/shared/brand";
import { Button } from "@/components/ui/button";

/** The 403 page for /admin: a tenant user who followed a link here is told so and sent home. */
export function Forbidden({ email }: { email: string }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 p-4 text-center">
      <Brand />
      <div className="flex size-14 items-center justify-center rounded-full bg-destructive/10 text-destructive">
        <ShieldXIcon className="size-7" aria-hidden="true" />
      </div>
      <div className="max-w-md space-y-2">
        <p className="text-sm font-medium text-muted-foreground">Error 403</p>
        <h1 className="text-2xl font-semibold tracking-tight">Platform staff only</h1>
        <p className="text-sm text-muted-foreground">You are signed in as {email}, which is not a platform staff account. This area is for the people who run this IRISX installation.</p>
      </div>
      <Button asChild>
        <Link href="/">Back to your workspace</Link>
      </Button>
    </div>
  );
}
