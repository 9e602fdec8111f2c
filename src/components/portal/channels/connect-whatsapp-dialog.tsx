"use client";

import { useTRPC } from "@/trpc/react";
import { ConnectChannelDialog } from "./connect-channel-dialog";

/** Connects a WhatsApp Business number (Cloud API): Meta's ids and a system-user token, stored encrypted and write-only. */
export function ConnectWhatsAppDialog() {
  const trpc = useTRPC();
  return (
    <ConnectChannelDialog
      triggerLabel="Connect WhatsApp number"
      title="Connect a WhatsApp number"
      description="From Meta's WhatsApp Manager → API setup. The token is stored encrypted and never shown again, only its last four characters."
      fields={[
        { name: "e164", label: "Phone number", inputMode: "tel", placeholder: "+14155550100", description: "The WhatsApp number in E.164, e.g. +14155550100." },
        { name: "phoneNumberId", label: "Phone number ID", inputMode: "numeric", placeholder: "106540352242922" },
        { name: "wabaId", label: "WhatsApp Business Account ID", inputMode: "numeric", placeholder: "102290129340398" },
        { name: "accessToken", label: "Access token", secret: true, description: "A system-user token with whatsapp_business_messaging." },
      ]}
      mutation={trpc.messages.connectWhatsAppNumber.mutationOptions()}
      success={(n) => `WhatsApp number ${n.e164} connected`}
      invalidate={[trpc.messages.whatsappNumbers.queryKey()]}
    />
  );
}
