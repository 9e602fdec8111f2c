"use client";

import { useTRPC } from "@/trpc/react";
import { ConnectChannelDialog } from "./connect-channel-dialog";

/** Connects a Telegram bot by its BotFather token: checked with Telegram, its webhook set, stored encrypted and write-only. */
export function ConnectTelegramDialog() {
  const trpc = useTRPC();
  return (
    <ConnectChannelDialog
      triggerLabel="Connect Telegram bot"
      title="Connect a Telegram bot"
      description="Create a bot with @BotFather (/newbot) and paste its token. IRISX checks it with Telegram and points the bot's webhook here; the token is stored encrypted and never shown again."
      fields={[{ name: "token", label: "Bot token", secret: true, placeholder: "123456789:AAE…", description: "Like 123456789:AAE…, from @BotFather." }]}
      mutation={trpc.messages.connectTelegramBot.mutationOptions()}
      success={(b) => `Telegram bot ${b.name} connected`}
      invalidate={[trpc.messages.chatBots.queryKey({ channel: "telegram" })]}
    />
  );
}
