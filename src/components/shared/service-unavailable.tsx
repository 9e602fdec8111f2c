"use client";

import { CloudOffIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Brand } from "@/components/shared/brand";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The whole page while the platform's database cannot be reached: nothing is lost, come back in a moment. */
export function ServiceUnavailable() {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  return (
    <div role="alert" className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 p-4">
      <Brand />
      <Card className="w-full max-w-md">
        <CardHeader>
          <CardTitle className="flex items-center gap-2 text-xl">
            <CloudOffIcon className="size-5 text-muted-foreground" aria-hidden="true" />
            Service temporarily unavailable
          </CardTitle>
          <CardDescription>
            IRISX cannot reach its database right now. Calls in progress carry on and nothing you saved is lost; this page
            works again as soon as the database is back, usually within a minute.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Button className="w-full" disabled={retrying} onClick={() => startRetry(() => router.refresh())}>
            {retrying ? "Trying…" : "Try again"}
          </Button>
        </CardContent>
      </Card>
    </div>
  );
}
