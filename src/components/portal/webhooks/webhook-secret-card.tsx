"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SecretField } from "@/components/portal/webhooks/secret-field";
import { useTRPC } from "@/trpc/react";

export function WebhookSecretCard({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const [secret, setSecret] = useState<string | null>(null);
  const reveal = useMutation(trpc.webhooks.revealSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret), onError: (e) => toast.error(e.message) }));
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: (r) => {
        setSecret(r.secret);
        toast.success("Signing secret rotated; requests from now on use the new one");
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Signing secret</CardTitle>
        <CardDescription>Verify the IRISX-Signature header with it (HMAC-SHA256 over timestamp and body).</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {secret ? <SecretField label="Signing secret" value={secret} /> : <code className="rounded-md border bg-muted/50 px-3 py-2 font-mono text-xs">whsec_••••••••••••••••••••••••</code>}
        <div className="flex flex-wrap gap-2">
          {secret ? (
            <Button variant="outline" size="sm" onClick={() => setSecret(null)}>
              Hide
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled={reveal.isPending} onClick={() => reveal.mutate({ id: endpointId })}>
              Reveal
            </Button>
          )}
          <AlertDialog>
            <AlertDialogTrigger asChild>
              <Button variant="outline" size="sm">
                Rotate
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>Rotate the signing secret?</AlertDialogTitle>
                <AlertDialogDescription>
                  Requests are signed with the new secret immediately, including retries of earlier events. Update your receiver right after rotating.
                </AlertDialogDescription>
              </AlertDialogHeader>
              <AlertDialogFooter>
                <AlertDialogCancel>Cancel</AlertDialogCancel>
                <AlertDialogAction disabled={rotate.isPending} onClick={() => rotate.mutate({ id: endpointId })}>
                  Rotate secret
                </AlertDialogAction>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
        </div>
      </CardContent>
    </Card>
  );
}
