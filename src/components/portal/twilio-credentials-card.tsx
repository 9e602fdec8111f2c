"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { QueryStates } from "@/components/shared/query-states";
import { SecretField } from "@/components/shared/secret-field";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { useTRPC } from "@/trpc/react";

/** Account SID and auth token for Twilio's client libraries pointed at IRISX; the token is revealed on request. */
export function TwilioCredentialsCard({ canRotate }: { canRotate: boolean }) {
  const trpc = useTRPC();
  const account = useQuery(trpc.account.twilioAccount.queryOptions());
  const [authToken, setAuthToken] = useState<string | null>(null);
  const invalidate = [trpc.account.twilioAccount.queryKey()];
  const reveal = useToastMutation(trpc.account.revealAuthToken.mutationOptions({ onSuccess: (r) => setAuthToken(r.authToken) }), { invalidate });
  const rotate = useToastMutation(trpc.account.rotateAuthToken.mutationOptions({ onSuccess: (r) => setAuthToken(r.authToken) }), {
    success: "Auth token rotated; the old token no longer works",
    invalidate,
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Twilio-compatible API</CardTitle>
        <CardDescription>
          Use these with Twilio&apos;s client libraries and /2010-04-01 requests (HTTP Basic Account SID : Auth Token). Status callbacks are signed with the
          auth token (X-Twilio-Signature).
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <QueryStates query={account} what="the Account SID">
          {(a) => (
            <div className="flex flex-col gap-1.5">
              <span className="text-sm font-medium">Account SID</span>
              <div className="flex items-center gap-2 font-mono text-xs">
                <span className="break-all">{a.accountSid}</span>
                <CopyButton value={a.accountSid} label="Copy Account SID" />
              </div>
            </div>
          )}
        </QueryStates>
        {authToken ? (
          <SecretField label="Auth token" value={authToken} />
        ) : (
          <div className="flex flex-col gap-1.5">
            <span className="text-sm font-medium">Auth token</span>
            <code className="rounded-md border bg-muted/50 px-3 py-2 font-mono text-xs">••••••••••••••••••••••••••••••••</code>
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          {authToken ? (
            <Button variant="outline" size="sm" onClick={() => setAuthToken(null)}>
              Hide
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled={reveal.isPending} onClick={() => reveal.mutate()}>
              Reveal auth token
            </Button>
          )}
          {canRotate && (
            <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm">
                  Rotate auth token
                </Button>
              }
              title="Rotate the auth token?"
              description="The current token stops working immediately: every integration using it fails until it is given the new one, and status callbacks are signed with the new token from now on."
              confirmLabel="Rotate token"
              destructive
              pending={rotate.isPending}
              onConfirm={() => rotate.mutate()}
            />
          )}
        </div>
      </CardContent>
    </Card>
  );
}
