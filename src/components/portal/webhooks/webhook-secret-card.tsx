"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { SecretField } from "@/components/shared/secret-field";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useTRPC } from "@/trpc/react";

export function WebhookSecretCard({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const [secret, setSecret] = useState<string | null>(null);
  const reveal = useToastMutation(trpc.webhooks.revealSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret) }));
  const rotate = useToastMutation(trpc.webhooks.rotateSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret) }), {
    success: "Signing secret rotated; requests from now on use the new one",
  });
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
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm">
                Rotate
              </Button>
            }
            title="Rotate the signing secret?"
            description="Requests are signed with the new secret immediately, including retries of earlier events. Update your receiver right after rotating."
            confirmLabel="Rotate secret"
            pending={rotate.isPending}
            onConfirm={() => rotate.mutate({ id: endpointId })}
          />
        </div>
      </CardContent>
    </Card>
  );
}
