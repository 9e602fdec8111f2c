"use client";

import { useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { ActionDialog } from "@/components/shared/action-dialog";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { formatDate } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

interface Tenant {
  id: string;
  name: string;
  purgeAfter: Date | null;
}

function DeleteTenantDialog({ tenant }: { tenant: Tenant }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [confirmName, setConfirmName] = useState("");
  const { formRef, errors, attempt, clear } = useFormErrors();
  const remove = useToastMutation(trpc.admin.deleteTenant.mutationOptions(), {
    success: (r) => `${tenant.name} will be purged on ${formatDate(r.purgeAfter)}`,
    invalidate: [trpc.admin.tenant.queryKey(), trpc.admin.tenants.queryKey()],
    error: false,
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await attempt(() => remove.mutateAsync({ tenantId: tenant.id, reason, confirmName }))) setOpen(false);
  }
  const blocked = reason.trim().length < 3 ? "Give a reason first" : confirmName.trim() !== tenant.name ? `Type ${tenant.name} to confirm` : null;
  return (
    <ActionDialog
      trigger={
        <Button size="sm" variant="destructive">
          Delete tenant
        </Button>
      }
      title={`Delete ${tenant.name}?`}
      description="The tenant is suspended now and purged in 30 days: its calls, records, recordings, numbers (released at the provider) and users who belong nowhere else. Until then you can cancel the deletion."
      open={open}
      setOpen={setOpen}
      onClosed={() => {
        setReason("");
        setConfirmName("");
        clear();
      }}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Delete in 30 days"
      pendingLabel="Scheduling…"
      pending={remove.isPending}
      blocked={blocked}
      destructive
    >
      <FormField label="Reason" required error={errors?.fields.reason}>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} autoFocus />
      </FormField>
      <FormField label={`Type "${tenant.name}" to confirm`} required error={errors?.fields.confirmName}>
        <Input value={confirmName} onChange={(e) => setConfirmName(e.target.value)} autoComplete="off" />
      </FormField>
    </ActionDialog>
  );
}

/** Owners delete a tenant (with a 30-day grace period) or, during it, cancel the deletion. */
export function TenantDeletionActions({ tenant }: { tenant: Tenant }) {
  const trpc = useTRPC();
  const cancel = useToastMutation(trpc.admin.cancelTenantDeletion.mutationOptions(), { success: `${tenant.name} restored`, invalidate: [trpc.admin.tenant.queryKey(), trpc.admin.tenants.queryKey()] });
  if (!tenant.purgeAfter) return <DeleteTenantDialog tenant={tenant} />;
  return (
    <ConfirmDialog
      title={`Cancel the deletion of ${tenant.name}?`}
      description="The tenant is active again at once: its users and API keys are admitted, and nothing is purged."
      confirmLabel="Cancel deletion"
      pending={cancel.isPending}
      onConfirm={() => cancel.mutate({ tenantId: tenant.id })}
      trigger={
        <Button size="sm" variant="outline">
          Cancel deletion
        </Button>
      }
    />
  );
}
