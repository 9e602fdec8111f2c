"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useTRPC } from "@/trpc/react";

interface TenantRef {
  id: string;
  name: string;
  status: string;
  currency: string;
}

/** A staff action on a tenant as a small form in a dialog: emptied when closed, its submit says why it is disabled. */
function ActionDialog(props: {
  triggerLabel: string;
  triggerAria: string;
  title: string;
  description: string;
  open: boolean;
  setOpen: (open: boolean) => void;
  onClosed: () => void;
  formRef: React.RefObject<HTMLFormElement | null>;
  onSubmit: (e: FormEvent) => void;
  formError: string | null | undefined;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  blocked: string | null;
  destructive?: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={props.open}
      onOpenChange={(next) => {
        props.setOpen(next);
        if (!next) props.onClosed();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={props.triggerAria}>
          {props.triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form ref={props.formRef} onSubmit={props.onSubmit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogDescription>{props.description}</DialogDescription>
          </DialogHeader>
          {props.children}
          <FormErrorAlert message={props.formError} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => props.setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant={props.destructive ? "destructive" : "default"} disabled={props.pending || props.blocked !== null} title={props.blocked ?? undefined}>
              {props.pending ? props.pendingLabel : props.submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function SuspendDialog({ tenant }: { tenant: TenantRef }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { formRef, errors, attempt, clear } = useFormErrors();
  const suspend = useToastMutation(trpc.admin.suspendTenant.mutationOptions(), { success: `${tenant.name} suspended`, invalidate: [trpc.admin.tenants.queryKey(), trpc.admin.tenant.queryKey()], error: false });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await attempt(() => suspend.mutateAsync({ tenantId: tenant.id, reason }))) setOpen(false);
  }
  return (
    <ActionDialog
      triggerLabel="Suspend"
      triggerAria={`Suspend ${tenant.name}`}
      title={`Suspend ${tenant.name}`}
      description="Its users, API keys and Twilio credentials are refused at once, everywhere, with the reason below. Calls already up carry on."
      open={open}
      setOpen={setOpen}
      onClosed={() => {
        setReason("");
        clear();
      }}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Suspend"
      pendingLabel="Suspending…"
      pending={suspend.isPending}
      blocked={reason.trim().length < 3 ? "Give a reason first" : null}
      destructive
    >
      <FormField label="Reason" required error={errors?.fields.reason} description="Shown to the tenant's users and API clients.">
        <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={300} autoFocus />
      </FormField>
    </ActionDialog>
  );
}

function CreditDialog({ tenant }: { tenant: TenantRef }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const { formRef, errors, attempt, show, clear } = useFormErrors();
  const adjust = useToastMutation(trpc.admin.adjustCredit.mutationOptions(), { success: `Credit of ${tenant.name} adjusted`, invalidate: [trpc.admin.tenants.queryKey(), trpc.admin.tenant.queryKey()], error: false });
  async function submit(e: FormEvent) {
    e.preventDefault();
    // The amount in the currency's units (two decimals at most), sent as integer micro-units.
    const m = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amount.trim());
    if (!m) return show({ form: null, fields: { amountMicros: "an amount like 25 or -10.50" }, appCode: null });
    const micros = `${m[1]}${m[2]}${(m[3] ?? "").padEnd(2, "0")}0000`.replace(/^(-?)0+(?=\d)/, "$1");
    if (await attempt(() => adjust.mutateAsync({ tenantId: tenant.id, amountMicros: micros, reason }))) setOpen(false);
  }
  return (
    <ActionDialog
      triggerLabel="Credit"
      triggerAria={`Adjust credit of ${tenant.name}`}
      title={`Adjust credit of ${tenant.name}`}
      description="Adds (or, negative, takes away) prepaid credit; the tenant's billing history shows the reason."
      open={open}
      setOpen={setOpen}
      onClosed={() => {
        setAmount("");
        setReason("");
        clear();
      }}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Adjust"
      pendingLabel="Saving…"
      pending={adjust.isPending}
      blocked={amount.trim() === "" ? "Enter an amount first" : reason.trim().length < 3 ? "Give a reason first" : null}
    >
      <FormField label={`Amount (${tenant.currency})`} required error={errors?.fields.amountMicros}>
        <Input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" placeholder="25.00" autoFocus />
      </FormField>
      <FormField label="Reason" required error={errors?.fields.reason}>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />
      </FormField>
    </ActionDialog>
  );
}

/** Suspend or reinstate, and adjust credit: the staff actions on one tenant row. */
export function TenantAccessActions({ tenant }: { tenant: TenantRef }) {
  const trpc = useTRPC();
  const reinstate = useToastMutation(trpc.admin.reinstateTenant.mutationOptions(), { success: `${tenant.name} reinstated`, invalidate: [trpc.admin.tenants.queryKey(), trpc.admin.tenant.queryKey()] });
  return (
    <span className="flex justify-end gap-2">
      {tenant.status === "SUSPENDED" ? (
        <ConfirmDialog
          title={`Reinstate ${tenant.name}?`}
          description="Its users and API keys are admitted again at once."
          confirmLabel="Reinstate"
          pending={reinstate.isPending}
          onConfirm={() => reinstate.mutate({ tenantId: tenant.id })}
          trigger={
            <Button size="sm" variant="outline" aria-label={`Reinstate ${tenant.name}`}>
              Reinstate
            </Button>
          }
        />
      ) : (
        <SuspendDialog tenant={tenant} />
      )}
      <CreditDialog tenant={tenant} />
    </span>
  );
}
