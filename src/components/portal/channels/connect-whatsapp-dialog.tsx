"use client";

import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";
import { ConnectChannelDialog } from "./connect-channel-dialog";

const FIELDS = ["e164", "phoneNumberId", "wabaId", "accessToken"] as const;

/** Connects a WhatsApp Business number (Cloud API): Meta's ids and a system-user token, stored encrypted and write-only. */
export function ConnectWhatsAppDialog({ trigger }: { trigger?: React.ReactElement }) {
  const trpc = useTRPC();
  const connect = useToastMutation(trpc.messages.connectWhatsAppNumber.mutationOptions(), {
    success: (n) => `WhatsApp number ${n.e164} connected`,
    invalidate: [trpc.messages.whatsappNumbers.queryKey()],
    error: false,
  });

  return (
    <ConnectChannelDialog
      trigger={trigger ?? <Button size="sm">Connect WhatsApp number</Button>}
      title="Connect a WhatsApp number"
      description="From Meta's WhatsApp Manager → API setup. The token is stored encrypted and never shown again, only its last four characters."
      fieldNames={FIELDS}
      connect={(input) => connect.mutateAsync(input)}
      pending={connect.isPending}
    >
      {(errors) => (
        <>
          <FormField label="Phone number" error={errors?.e164} required description="The WhatsApp number in E.164, e.g. +14155550100.">
            <Input name="e164" inputMode="tel" autoComplete="off" placeholder="+14155550100" />
          </FormField>
          <FormField label="Phone number ID" error={errors?.phoneNumberId} required>
            <Input name="phoneNumberId" inputMode="numeric" autoComplete="off" spellCheck={false} placeholder="106540352242922" />
          </FormField>
          <FormField label="WhatsApp Business Account ID" error={errors?.wabaId} required>
            <Input name="wabaId" inputMode="numeric" autoComplete="off" spellCheck={false} placeholder="102290129340398" />
          </FormField>
          <FormField label="Access token" error={errors?.accessToken} required description="A system-user token with whatsapp_business_messaging.">
            <Input name="accessToken" type="password" autoComplete="new-password" spellCheck={false} />
          </FormField>
        </>
      )}
    </ConnectChannelDialog>
  );
}
