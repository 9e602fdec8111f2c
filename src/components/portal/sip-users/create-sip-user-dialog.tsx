"use client";

import { PhoneIcon, PlusIcon, TriangleAlertIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { SipCredentials } from "@/components/portal/sip-users/sip-credentials";
import { useTRPC } from "@/trpc/react";

export function CreateSipUserDialog() {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const { formRef, errors, clear, attempt } = useFormErrors();
  // Errors are shown on the form; the password is the mutation's own data and goes when the dialog closes.
  const create = useToastMutation(trpc.sipUsers.create.mutationOptions(), { invalidate: [trpc.sipUsers.list.queryKey()], error: false });
  const created = create.data;

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setUsername("");
      setDisplayName("");
      clear();
      create.reset();
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await attempt(() => create.mutateAsync({ username, displayName }));
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> Add SIP user
        </Button>
      </DialogTrigger>
      <DialogContent className="grid-cols-[minmax(0,1fr)] sm:max-w-xl">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <PhoneIcon className="size-5" /> {created.sipUser.username} created
              </DialogTitle>
              <DialogDescription>Enter these in the softphone or desk phone. It registers with the domain as realm.</DialogDescription>
            </DialogHeader>
            <Alert>
              <TriangleAlertIcon />
              <AlertTitle>Copy the password now</AlertTitle>
              <AlertDescription>It is shown in full only this once. Admins can reveal it again later; each reveal is written to the audit log.</AlertDescription>
            </Alert>
            <SipCredentials username={created.sipUser.username} domain={created.sipUser.domain} password={created.password} />
            <DialogFooter>
              <Button onClick={() => reset(false)}>I have copied the password</Button>
            </DialogFooter>
          </>
        ) : (
          <form ref={formRef} onSubmit={submit} className="flex flex-col gap-5">
            <DialogHeader>
              <DialogTitle>Add SIP user</DialogTitle>
              <DialogDescription>A SIP user is the login of one phone or softphone. IRISX generates a strong password for it.</DialogDescription>
            </DialogHeader>
            <FormField label="Username" required error={errors?.fields.username} description="Letters, digits, dot, underscore or hyphen, e.g. 1001 or front-desk.">
              <Input value={username} onChange={(e) => setUsername(e.target.value)} placeholder="1001" maxLength={32} autoFocus autoComplete="off" />
            </FormField>
            <FormField label="Display name" error={errors?.fields.displayName} description="Shown as the caller name on internal calls.">
              <Input value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder="Front desk" maxLength={80} />
            </FormField>
            <FormErrorAlert message={errors?.form} />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => reset(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.isPending || username.trim().length < 2}>
                {create.isPending ? "Creating…" : "Create SIP user"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
