"use client";

import { useState, type FormEvent } from "react";
import { ActionDialog } from "@/components/shared/action-dialog";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";

/** Connects a WhatsApp Business number (Cloud API): Meta's ids and a system-user token, stored encrypted and write-only. */
export function ConnectWhatsAppDialog({ trigger }: { trigger?: React.ReactElement }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const { formRef, errors, attempt, clear } = useFormErrors();
  const connect = useToastMutation(trpc.messages.connectWhatsAppNumber.mutationOptions(), {
    success: (n) => `WhatsApp number ${n.e164} connected`,
    invalidate: [trpc.messages.whatsappNumbers.queryKey()],
    error: false,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const input = { e164: value("e164"), phoneNumberId: value("phoneNumberId"), wabaId: value("wabaId"), accessToken: value("accessToken") };
    if (await attempt(() => connect.mutateAsync(input))) setOpen(false);
  }

  return (
    <ActionDialog
      trigger={trigger ?? <Button size="sm">Connect WhatsApp number</Button>}
      title="Connect a WhatsApp number"
      description="From Meta's WhatsApp Manager → API setup. The token is stored encrypted and never shown again, only its last four characters."
      open={open}
      setOpen={setOpen}
      onClosed={clear}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Connect"
      pendingLabel="Connecting…"
      pending={connect.isPending}
      blocked={null}
    >
      <FormField label="Phone number" error={errors?.fields.e164} required description="The WhatsApp number in E.164, e.g. +14155550100.">
        <Input name="e164" inputMode="tel" autoComplete="off" placeholder="+14155550100" />
      </FormField>
      <FormField label="Phone number ID" error={errors?.fields.phoneNumberId} required>
        <Input name="phoneNumberId" inputMode="numeric" autoComplete="off" spellCheck={false} placeholder="106540352242922" />
      </FormField>
      <FormField label="WhatsApp Business Account ID" error={errors?.fields.wabaId} required>
        <Input name="wabaId" inputMode="numeric" autoComplete="off" spellCheck={false} placeholder="102290129340398" />
      </FormField>
      <FormField label="Access token" error={errors?.fields.accessToken} required description="A system-user token with whatsapp_business_messaging.">
        <Input name="accessToken" type="password" autoComplete="new-password" spellCheck={false} />
      </FormField>
    </ActionDialog>
  );
}
