"use client";

import { useQuery } from "@tanstack/react-query";
import { BotIcon, SendIcon } from "lucide-react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { useTRPC } from "@/trpc/react";
import { channelDateFormat, ConnectedChannelCard, RemoveChannelButton, type ConnectedChannelRow } from "./connected-channel-card";
import { ConnectDiscordDialog } from "./connect-discord-dialog";
import { ConnectTelegramDialog } from "./connect-telegram-dialog";

type ChatBotChannel = "telegram" | "discord";

const CHANNELS = {
  telegram: {
    title: "Telegram",
    description: "Bots connected by their BotFather token; IRISX sets each bot's webhook. Send with channel telegram, from the bot's id or @username, to a chat id. Telegram reports no delivery receipts: messages end at sent.",
    icon: SendIcon,
    listLabel: "Telegram bots",
    idLabel: "Bot id",
    empty: { title: "No Telegram bot", description: "Connect a bot to receive the messages people send it and reply from IRISX." },
    removeNote: "Its webhook is deleted at Telegram and its token here; messages from this bot are refused until it is connected again.",
    connect: <ConnectTelegramDialog />,
  },
  discord: {
    title: "Discord",
    description: "Applications whose bot posts for you; set each one's Interactions Endpoint URL to this site's address followed by the path on its row. Send with channel discord, from the application id, to a channel id. Discord reports no delivery receipts.",
    icon: BotIcon,
    listLabel: "Discord applications",
    idLabel: "Application",
    empty: { title: "No Discord application", description: "Connect an application to receive its slash commands and post to channels from IRISX." },
    removeNote: "Its bot token is deleted; interactions for this application are refused and messages from it fail until it is connected again.",
    connect: <ConnectDiscordDialog />,
  },
} as const;

function RemoveButton({ channel, row }: { channel: ChatBotChannel; row: ConnectedChannelRow }) {
  const trpc = useTRPC();
  const remove = useToastMutation(trpc.messages.removeChatBot.mutationOptions(), { success: `${row.name} disconnected`, invalidate: [trpc.messages.chatBots.queryKey({ channel })] });
  return <RemoveChannelButton name={row.name} verb="Disconnect" description={CHANNELS[channel].removeNote} pending={remove.isPending} onConfirm={() => remove.mutate({ chatBotId: row.id })} />;
}

/** Bots of one channel the account connected by token (Telegram bots, Discord applications). */
export function ChatBotCard({ channel }: { channel: ChatBotChannel }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.messages.chatBots.queryOptions({ channel }));
  const c = CHANNELS[channel];
  return (
    <ConnectedChannelCard
      title={c.title}
      description={c.description}
      icon={c.icon}
      listLabel={c.listLabel}
      badge="Connected"
      empty={c.empty}
      connect={c.connect}
      rows={list.data?.map((b) => ({
        id: b.id,
        name: b.name,
        detail: [`${c.idLabel} ${b.externalId}`, `token ••••${b.tokenHint}`, b.webhookPath, `since ${channelDateFormat.format(new Date(b.createdAt))}`],
      }))}
      error={list.error}
      remove={(row) => <RemoveButton channel={channel} row={row} />}
    />
  );
}
