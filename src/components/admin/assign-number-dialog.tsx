"use client";

import { useState, type FormEvent } from "react";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { PhoneNumberFormFields } from "@/components/shared/phone-number-form-fields";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
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
          <PhoneNumberFormFields
            phoneNumber={phoneNumber}
            onPhoneNumber={setPhoneNumber}
            friendlyName={friendlyName}
            onFriendlyName={setFriendlyName}
            errors={errors}
            pending={assign.isPending}
            submitLabel="Assign"
            pendingLabel="Assigning…"
            onCancel={() => reset(false)}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
