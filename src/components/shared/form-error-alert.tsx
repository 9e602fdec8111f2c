import type { ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";

/** The banner above a form for an error that belongs to no one field; nothing when there is none. `children` follow the message (a way out, say). */
export function FormErrorAlert({ message, children }: { message: string | null | undefined; children?: ReactNode }) {
  if (!message) return null;
  return (
    <Alert variant="destructive" role="alert">
      <AlertDescription>
        {message}
        {children}
      </AlertDescription>
    </Alert>
  );
}
