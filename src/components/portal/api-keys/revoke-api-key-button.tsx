"use client";

import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/react";
import type { ApiKeyRow } from "@/components/portal/api-keys/types";

export function RevokeApiKeyButton({ apiKey }: { apiKey: ApiKeyRow }) {
  const trpc = useTRPC();
  const revoke = useToastMutation(trpc.apiKeys.revoke.mutationOptions(), { success: `Revoked "${apiKey.name}"`, invalidate: [trpc.apiKeys.list.queryKey()] });

  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" aria-label={`Revoke ${apiKey.name}`}>
          Revoke
        </Button>
      }
      title={<>Revoke “{apiKey.name}”?</>}
      description={
        <>
          Requests signed with <code className="font-mono">{apiKey.id}</code> will fail with 401 within a few seconds. This cannot be undone; create a new key if
          you need access again.
        </>
      }
      cancelLabel="Keep key"
      confirmLabel="Revoke key"
      destructive
      pending={revoke.isPending}
      onConfirm={() => revoke.mutate({ id: apiKey.id })}
    />
  );
}
