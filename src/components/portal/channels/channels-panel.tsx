"use client";

import { useQuery } from "@tanstack/react-query";
import { MessageCircleIcon } from "lucide-react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { PageHeader } from "@/components/ui/page-header";
import { useTRPC } from "@/trpc/react";
import { ChatBotCard } from "./chat-bot-card";
import { channelDateFormat, ConnectedChannelCard, RemoveChannelButton, type ConnectedChannelRow } from "./connected-channel-card";
import { ConnectWhatsAppDialog } from "./connect-whatsapp-dialog";
import { SlackCard } from "./slack-card";
import { TeamsCard } from "./teams-card";

function DisconnectButton({ row }: { row: ConnectedChannelRow }) {
  const trpc = useTRPC();
  const disconnect = useToastMutation(trpc.messages.disconnectWhatsAppNumber.mutationOptions(), {
    success: `${row.name} disconnected`,
    invalidate: [trpc.messages.whatsappNumbers.queryKey()],
  });
  return (
    <RemoveChannelButton
      name={row.name}
      verb="Disconnect"
      description="Messages from this number are refused and its webhooks are ignored until it is connected again. Its token is deleted."
      pending={disconnect.isPending}
      onConfirm={() => disconnect.mutate({ whatsAppNumberId: row.id })}
    />
  );
}

function WhatsAppCard() {
  const trpc = useTRPC();
  const numbers = useQuery(trpc.messages.whatsappNumbers.queryOptions());
  return (
    <ConnectedChannelCard
      title="WhatsApp"
      description="WhatsApp Business numbers on Meta's Cloud API. Free-form messages go only to users who wrote in the last 24 hours; otherwise send an approved template. Webhook URL for Meta: /api/webhooks/whatsapp."
      icon={MessageCircleIcon}
      listLabel="WhatsApp numbers"
      badge="Connected"
      empty={{ title: "No WhatsApp number connected", description: "Connect a number to send and receive WhatsApp messages through the messages API." }}
      connect={<ConnectWhatsAppDialog />}
      rows={numbers.data?.map((n) => ({ id: n.id, name: n.e164, detail: [`Phone number ID ${n.phoneNumberId}`, `WABA ${n.wabaId}`, `token ••••${n.tokenHint}`, `since ${channelDateFormat.format(new Date(n.createdAt))}`] }))}
      error={numbers.error}
      remove={(row) => <DisconnectButton row={row} />}
    />
  );
}

/** Settings → Channels: the chat channels the account sends and receives on (WhatsApp, Slack, Telegram, Discord, Teams). */
export function ChannelsPanel() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Channels" description="Connect messaging channels beyond SMS." className="pb-0" />
      <WhatsAppCard />
      <SlackCard />
      <ChatBotCard channel="telegram" />
      <ChatBotCard channel="discord" />
      <TeamsCard />
    </div>
  );
}
