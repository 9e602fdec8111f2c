"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Switch } from "@/components/ui/switch";
import { SipCredentials } from "@/components/portal/sip-users/sip-credentials";
import type { SipUserRow } from "@/components/portal/sip-users/types";
import { useTRPC } from "@/trpc/react";

export function SipUserEnabledSwitch({ sipUser }: { sipUser: SipUserRow }) {
  const trpc = useTRPC();
  const update = useToastMutation(trpc.sipUsers.update.mutationOptions(), {
    success: (row) => `${row.username} ${row.enabled ? "enabled" : "disabled"}`,
    invalidate: [trpc.sipUsers.list.queryKey()],
  });
  return (
    <Switch
      checked={sipUser.enabled}
      disabled={update.isPending}
      onCheckedChange={(enabled) => update.mutate({ id: sipUser.id, enabled })}
      aria-label={`${sipUser.enabled ? "Disable" : "Enable"} ${sipUser.username}`}
    />
  );
}

export function RevealSipPasswordButton({ sipUser }: { sipUser: SipUserRow }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const reveal = useToastMutation(trpc.sipUsers.revealPassword.mutationOptions());
  return (
    <>
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" aria-label={`Show the password of ${sipUser.username}`}>
            Show password
          </Button>
        }
        title={<>Show the password of {sipUser.username}?</>}
        description="Anyone with this password can register a phone and call on your account. The reveal is recorded in the audit log."
        confirmLabel="Show password"
        pending={reveal.isPending}
        onConfirm={() => reveal.mutate({ id: sipUser.id }, { onSuccess: () => setOpen(true) })}
      />
      <Dialog
        open={open && !!reveal.data}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) reveal.reset();
        }}
      >
        <DialogContent className="grid-cols-[minmax(0,1fr)] sm:max-w-xl">
          <DialogHeader>
            <DialogTitle>{sipUser.username}</DialogTitle>
            <DialogDescription>The credentials of this SIP user.</DialogDescription>
          </DialogHeader>
          {reveal.data && <SipCredentials username={sipUser.username} domain={sipUser.domain} password={reveal.data.password} />}
          <DialogFooter>
            <Button onClick={() => setOpen(false)}>Done</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}

export function DeleteSipUserButton({ sipUser }: { sipUser: SipUserRow }) {
  const trpc = useTRPC();
  const remove = useToastMutation(trpc.sipUsers.delete.mutationOptions(), { success: `Deleted ${sipUser.username}`, invalidate: [trpc.sipUsers.list.queryKey()] });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" aria-label={`Delete ${sipUser.username}`}>
          Delete
        </Button>
      }
      title={<>Delete {sipUser.username}?</>}
      description={
        <>
          Phones signed in as <code className="font-mono">{sipUser.sipUri}</code> can no longer register or call. To pause a phone instead, switch it off.
        </>
      }
      cancelLabel="Keep SIP user"
      confirmLabel="Delete SIP user"
      destructive
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ id: sipUser.id })}
    />
  );
}
