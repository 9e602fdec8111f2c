"use client";

import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { formatPhoneNumber } from "@/lib/phone";
import { useTRPC } from "@/trpc/react";

/** Staff give a tenant a number the platform holds (ported in, bought outside the number API): audited on the tenant. */
export function AssignNumberDialog({ tenant }: { tenant: { id: string; name: string } }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [phoneNumber, setPhoneNumber] = useState("");
  const [friendlyName, setFriendlyName] = useState("");
  const { formRef, errors, attempt, clear } = useFormErrors();
  const assign = useToastMutation(trpc.admin.assignNumber.mutationOptions(), {
    success: (n) => `${formatPhoneNumber(n.phoneNumber)} assigned to ${tenant.name}`,
    invalidate: [trpc.admin.tenants.queryKey()],
    error: false,
  });

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setPhoneNumber("");
      setFriendlyName("");
      clear();
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const ok = await attempt(() => assign.mutateAsync({ tenantId: tenant.id, phoneNumber, friendlyName }));
    if (ok) reset(false);
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Assign a number to ${tenant.name}`}>
          Assign number
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-5">
          <DialogHeader>
            <DialogTitle>Assign a number to {tenant.name}</DialogTitle>
            <DialogDescription>A number the platform holds at its carrier. Its calls route to this workspace and its calls may show it as caller ID.</DialogDescription>
          </DialogHeader>
          <FormField label="Phone number" required error={errors?.fields.phoneNumber} description="International form, e.g. +14155550123.">
            <Input value={phoneNumber} onChange={(e) => setPhoneNumber(e.target.value)} type="tel" inputMode="tel" autoComplete="off" autoFocus />
          </FormField>
          <FormField label="Name" error={errors?.fields.friendlyName}>
            <Input value={friendlyName} onChange={(e) => setFriendlyName(e.target.value)} maxLength={64} />
          </FormField>
          <FormErrorAlert message={errors?.form} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => reset(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={assign.isPending || phoneNumber.trim() === ""} title={phoneNumber.trim() === "" ? "Enter the number first" : undefined}>
              {assign.isPending ? "Assigning…" : "Assign"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
