"use client";

import { useTRPC } from "@/trpc/react";
import { ConnectChannelDialog } from "./connect-channel-dialog";

/** Connects a Discord application: its id and public key (General Information) and its bot's token, stored encrypted. */
export function ConnectDiscordDialog() {
  const trpc = useTRPC();
  return (
    <ConnectChannelDialog
      triggerLabel="Connect Discord application"
      title="Connect a Discord application"
      description="From the Discord Developer Portal. IRISX checks the token with Discord; it is stored encrypted and never shown again. Then set the application's Interactions Endpoint URL to the path shown on its row."
      fields={[
        { name: "applicationId", label: "Application ID", inputMode: "numeric", placeholder: "1234567890123456789" },
        { name: "publicKey", label: "Public key", description: "General Information → Public Key (64 hexadecimal characters)." },
        { name: "botToken", label: "Bot token", secret: true, description: "Bot → Reset Token." },
      ]}
      mutation={trpc.messages.connectDiscordApp.mutationOptions()}
      success={(b) => `Discord application ${b.name} connected`}
      invalidate={[trpc.messages.chatBots.queryKey({ channel: "discord" })]}
    />
  );
}
