"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PlusIcon } from "lucide-react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { DEFAULT_PLAN, PricePlanField } from "@/components/admin/price-plan-field";
import { useTRPC } from "@/trpc/react";

/** "25" or "25.50" dollars as integer micro-units; null when it is not an amount. */
function toMicros(amount: string): string | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amount.trim() || "0");
  return m ? `${m[1]}${(m[2] ?? "").padEnd(2, "0")}0000`.replace(/^0+(?=\d)/, "") : null;
}

/** Operators open a workspace for a customer, with its owner (invited by email unless they already have an account). */
export function CreateTenantDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [plan, setPlan] = useState(DEFAULT_PLAN);
  const { formRef, errors, attempt, show, clear } = useFormErrors();
  const create = useToastMutation(trpc.admin.createTenant.mutationOptions(), {
    success: (r) => (r.owner === "invited" ? "Tenant created; the owner was invited by email" : "Tenant created; its owner can sign in now"),
    invalidate: [trpc.admin.tenants.queryKey()],
    error: false,
  });

  const operator = useStaffCan("OPERATOR");
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const creditMicros = toMicros(String(form.get("credit") ?? ""));
    if (creditMicros === null) return show({ form: null, fields: { creditMicros: "an amount like 25 or 25.50" }, appCode: null });
    const cap = (name: string) => (String(form.get(name) ?? "").trim() === "" ? null : Number(form.get(name)));
    await attempt(async () => {
      const created = await create.mutateAsync({
        name: String(form.get("name") ?? ""),
        ownerName: String(form.get("ownerName") ?? ""),
        ownerEmail: String(form.get("ownerEmail") ?? ""),
        pricePlanId: plan === DEFAULT_PLAN ? null : plan,
        creditMicros,
        maxPhoneNumbers: cap("maxPhoneNumbers"),
        maxSeats: cap("maxSeats"),
      });
      setOpen(false);
      router.push(`/admin/tenants/${created.tenantId}`);
    });
  }

  if (!operator) return null;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) clear();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <PlusIcon aria-hidden="true" />
          Create tenant
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>Create a tenant</DialogTitle>
            <DialogDescription>The owner gets an invitation by email, or owns it at once if they already have an account.</DialogDescription>
          </DialogHeader>
          <FormField label="Company name" required error={errors?.fields.name}>
            <Input name="name" maxLength={100} autoFocus />
          </FormField>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label="Owner's name" required error={errors?.fields.ownerName}>
              <Input name="ownerName" maxLength={100} autoComplete="off" />
            </FormField>
            <FormField label="Owner's email" required error={errors?.fields.ownerEmail}>
              <Input name="ownerEmail" type="email" maxLength={254} autoComplete="off" />
            </FormField>
          </div>
          <PricePlanField value={plan} onChange={setPlan} enabled={open} currency={"USD"} error={errors?.fields.pricePlanId} />
          <div className="grid grid-cols-3 gap-3">
            <FormField label="Opening credit (USD)" error={errors?.fields.creditMicros}>
              <Input name="credit" inputMode="decimal" placeholder="0.00" />
            </FormField>
            <FormField label="Numbers cap" error={errors?.fields.maxPhoneNumbers}>
              <Input name="maxPhoneNumbers" type="number" min={0} step={1} placeholder="No cap" />
            </FormField>
            <FormField label="Seats cap" error={errors?.fields.maxSeats}>
              <Input name="maxSeats" type="number" min={0} step={1} placeholder="No cap" />
            </FormField>
          </div>
          <FormErrorAlert message={errors?.form} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create tenant"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
