"use client";

import { useState, type FormEvent } from "react";
import { ActionDialog } from "@/components/shared/action-dialog";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { amountToMicros } from "@/lib/money-input";
import { useTRPC } from "@/trpc/react";

interface TenantRef {
  id: string;
  name: string;
  status: string;
  currency: string;
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
      trigger={
        <Button size="sm" variant="outline" aria-label={`Suspend ${tenant.name}`}>
          Suspend
        </Button>
      }
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
    const micros = amountToMicros(amount, { negative: true });
    if (micros === null) return show({ form: null, fields: { amountMicros: "an amount like 25 or -10.50" }, appCode: null });
    if (await attempt(() => adjust.mutateAsync({ tenantId: tenant.id, amountMicros: micros, reason }))) setOpen(false);
  }
  return (
    <ActionDialog
      trigger={
        <Button size="sm" variant="outline" aria-label={`Adjust credit of ${tenant.name}`}>
          Credit
        </Button>
      }
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
