"use client";

import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { DEFAULT_PLAN, PricePlanField } from "@/components/admin/price-plan-field";
import { useTRPC } from "@/trpc/react";

export interface TenantLimits {
  id: string;
  name: string;
  currency: string;
  callsPerSecond: number;
  maxConcurrentCalls: number;
  pricePlanId: string | null;
  maxPhoneNumbers: number | null;
  maxSeats: number | null;
}

/** "" is no cap; anything else must be a whole number 0 or more. */
function readCap(value: FormDataEntryValue | null): number | null | "bad" {
  const text = String(value ?? "").trim();
  if (text === "") return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : "bad";
}

/** Staff set a tenant's plan and limits: call pacing, the voice price plan, and the caps on numbers and seats. */
export function TenantLimitsDialog({ tenant, trigger }: { tenant: TenantLimits; trigger?: "summary" | "button" }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [plan, setPlan] = useState(tenant.pricePlanId ?? DEFAULT_PLAN);
  const { formRef, errors, attempt, show } = useFormErrors();
  const save = useToastMutation(trpc.admin.updateLimits.mutationOptions(), {
    success: () => `Plan and limits of ${tenant.name} saved`,
    invalidate: [trpc.admin.tenants.queryKey(), trpc.admin.tenant.queryKey({ tenantId: tenant.id })],
    error: false,
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const callsPerSecond = Number(form.get("callsPerSecond"));
    const maxConcurrentCalls = Number(form.get("maxConcurrentCalls"));
    const maxPhoneNumbers = readCap(form.get("maxPhoneNumbers"));
    const maxSeats = readCap(form.get("maxSeats"));
    const bad = Object.entries({ callsPerSecond, maxConcurrentCalls, maxPhoneNumbers, maxSeats }).find(([, v]) => v === "bad" || (typeof v === "number" && !Number.isInteger(v)));
    if (bad || maxPhoneNumbers === "bad" || maxSeats === "bad") {
      show({ form: null, fields: { [bad?.[0] ?? "maxSeats"]: "Enter a whole number" }, appCode: null });
      return;
    }
    await attempt(async () => {
      await save.mutateAsync({ tenantId: tenant.id, callsPerSecond, maxConcurrentCalls, pricePlanId: plan === DEFAULT_PLAN ? null : plan, maxPhoneNumbers, maxSeats });
      setOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Plan and limits of ${tenant.name}`}>
          {trigger === "button" ? "Edit plan & limits" : `${tenant.callsPerSecond}/s · ${tenant.maxConcurrentCalls}`}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
          <DialogHeader>
            <DialogTitle>Plan and limits of {tenant.name}</DialogTitle>
            <DialogDescription>Calls beyond the voice limits wait in the queue and start as room frees up; none are dropped. Caps stop growth; they take nothing away.</DialogDescription>
          </DialogHeader>
          <FormField label="Calls per second" required error={errors?.fields.callsPerSecond}>
            <Input name="callsPerSecond" type="number" inputMode="numeric" min={1} max={1000} step={1} defaultValue={tenant.callsPerSecond} />
          </FormField>
          <FormField label="Calls at once" required error={errors?.fields.maxConcurrentCalls} description="Live calls (dialling, ringing or answered) at the same time.">
            <Input name="maxConcurrentCalls" type="number" inputMode="numeric" min={0} max={100000} step={1} defaultValue={tenant.maxConcurrentCalls} />
          </FormField>
          <div className="grid grid-cols-2 gap-3">
            <FormField label="Phone numbers" error={errors?.fields.maxPhoneNumbers} description="Empty: no cap.">
              <Input name="maxPhoneNumbers" type="number" inputMode="numeric" min={0} step={1} defaultValue={tenant.maxPhoneNumbers ?? ""} placeholder="No cap" />
            </FormField>
            <FormField label="Seats" error={errors?.fields.maxSeats} description="Members and invitations.">
              <Input name="maxSeats" type="number" inputMode="numeric" min={0} step={1} defaultValue={tenant.maxSeats ?? ""} placeholder="No cap" />
            </FormField>
          </div>
          <PricePlanField value={plan} onChange={setPlan} enabled={open} currency={tenant.currency} error={errors?.fields.pricePlanId} />
          <FormErrorAlert message={errors?.form} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
