"use client";

import { PlusIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { EMPTY_NUMBER_FORM, numberSettingsInput, type NumberFormValues } from "@/components/portal/numbers/number-form";
import { NumberSettingsFields } from "@/components/portal/numbers/number-settings-fields";
import { useTRPC } from "@/trpc/react";

export function AddPhoneNumberDialog({ label = "Add number" }: { label?: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [phoneNumber, setPhoneNumber] = useState("");
  const [values, setValues] = useState<NumberFormValues>(EMPTY_NUMBER_FORM);
  const { formRef, errors, clear, attempt } = useFormErrors();
  // Errors are shown beside the fields, not toasted.
  const create = useToastMutation(trpc.numbers.create.mutationOptions(), {
    success: (n) => `${n.phoneNumber} added`,
    invalidate: [trpc.numbers.list.queryKey(), trpc.tenant.onboardingChecklist.queryKey()],
    error: false,
  });

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setPhoneNumber("");
      setValues(EMPTY_NUMBER_FORM);
      clear();
      create.reset();
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    // A taken number comes back as CONFLICT naming the phoneNumber field, so it shows beside the input.
    const ok = await attempt(() => create.mutateAsync({ phoneNumber, ...numberSettingsInput(values) }));
    if (ok) reset(false);
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] grid-cols-[minmax(0,1fr)] overflow-y-auto sm:max-w-xl">
        <form ref={formRef} onSubmit={submit} className="flex flex-col gap-5">
          <DialogHeader>
            <DialogTitle>Add phone number</DialogTitle>
            <DialogDescription>A number you hold at your carrier. Calls to it reach your voice URL; calls from it leave through its gateway.</DialogDescription>
          </DialogHeader>
          <FormField label="Phone number" required error={errors?.fields.phoneNumber} description="International form with country code, e.g. +14155550123.">
            <Input value={phoneNumber} onChange={(e) => setPhoneNumber(e.target.value)} placeholder="+14155550123" type="tel" inputMode="tel" autoComplete="off" autoFocus />
          </FormField>
          <NumberSettingsFields values={values} onChange={setValues} errors={errors?.fields} />
          <FormErrorAlert message={errors?.form} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => reset(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending || phoneNumber.trim() === ""}>
              {create.isPending ? "Adding…" : "Add number"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
