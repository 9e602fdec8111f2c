"use client";

// A page of the portal threw while rendering: say so inside the shell (the navigation still works) and offer
// a retry, instead of Next.js's bare error screen. The digest lets support find the server log line.
import { TriangleAlertIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      role="alert"
      icon={<TriangleAlertIcon />}
      title="This page could not be shown"
      description={error.digest ? `Something went wrong on our side (reference ${error.digest}). Try again, or come back in a minute.` : "Something went wrong. Try again, or come back in a minute."}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
