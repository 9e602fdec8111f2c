"use client";

import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";

export function CreateFlowDialog({ label = "New flow" }: { label?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const { formRef, errors, attempt } = useFormErrors();
  const create = useToastMutation(trpc.flows.create.mutationOptions({ onSuccess: (flow) => router.push(`/flows/${flow.id}`) }), {
    success: "Flow created",
    invalidate: [trpc.flows.list.queryKey()],
    error: false,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    await attempt(() => create.mutateAsync({ name }));
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form ref={formRef} onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>New IVR flow</DialogTitle>
            <DialogDescription>It starts with a greeting and a goodbye; build it in the editor, try it, then publish it and give it a number.</DialogDescription>
          </DialogHeader>
          <FormField label="Name" error={errors?.fields?.name} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="Main line" maxLength={80} autoFocus />
          </FormField>
          <FormErrorAlert message={errors?.form} />
          <DialogFooter>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create flow"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
