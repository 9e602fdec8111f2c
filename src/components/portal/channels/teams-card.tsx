"use client";

import { useQuery } from "@tanstack/react-query";
import { UsersIcon } from "lucide-react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { useTRPC } from "@/trpc/react";
import { ConnectChannelDialog } from "./connect-channel-dialog";
import { channelDateFormat, ConnectedChannelCard, RemoveChannelButton, type ConnectedChannelRow } from "./connected-channel-card";

/** Registers a tenant's Azure Bot: its App ID, the Entra tenant that issues its tokens, and a client secret (write-only). */
function ConnectTeamsBotDialog() {
  const trpc = useTRPC();
  return (
    <ConnectChannelDialog
      triggerLabel="Connect Teams bot"
      title="Connect a Teams bot"
      description="From the Azure Bot's Configuration page. IRISX checks the credentials by asking Microsoft for a token; the secret is stored encrypted and never shown again."
      fields={[
        { name: "name", label: "Name", placeholder: "Support bot", description: "How the bot is listed here." },
        { name: "appId", label: "Microsoft App ID", placeholder: "00000000-0000-0000-0000-000000000000" },
        { name: "appTenantId", label: "App tenant ID", placeholder: "botframework.com", description: "The Entra directory (tenant) ID of a single-tenant bot; empty (botframework.com) for a multi-tenant one." },
        { name: "clientSecret", label: "Client secret", secret: true, description: "The secret's value (Certificates & secrets), not its ID." },
      ]}
      mutation={trpc.messages.connectTeamsBot.mutationOptions()}
      success={(b) => `${b.name} connected`}
      invalidate={[trpc.messages.teamsBots.queryKey()]}
    />
  );
}

function DisconnectButton({ row }: { row: ConnectedChannelRow }) {
  const trpc = useTRPC();
  const disconnect = useToastMutation(trpc.messages.disconnectTeamsBot.mutationOptions(), { success: `${row.name} disconnected`, invalidate: [trpc.messages.teamsBots.queryKey()] });
  return (
    <RemoveChannelButton
      name={row.name}
      verb="Disconnect"
      description="Messages from this bot are refused and its activities answered 404 until it is connected again. Its secret and known conversations are deleted."
      pending={disconnect.isPending}
      onConfirm={() => disconnect.mutate({ teamsBotId: row.id })}
    />
  );
}

/** Azure Bots (Bot Framework) the account connected, each with the messaging endpoint path to set in Azure. */
export function TeamsCard() {
  const trpc = useTRPC();
  const list = useQuery(trpc.messages.teamsBots.queryOptions());
  return (
    <ConnectedChannelCard
      title="Microsoft Teams"
      description="Azure Bots on the Bot Framework. Set each bot's messaging endpoint in Azure to this site's address followed by the path on its row. Send with channel teams, from the App ID, to a conversation the bot has received a message in."
      icon={UsersIcon}
      listLabel="Teams bots"
      badge="Connected"
      empty={{ title: "No Teams bot", description: "Connect an Azure Bot to receive Teams messages in the inbox and reply from IRISX." }}
      connect={<ConnectTeamsBotDialog />}
      rows={list.data?.map((b) => ({
        id: b.id,
        name: b.name,
        detail: [`App ID ${b.appId}`, `tenant ${b.appTenantId}`, `secret ••••${b.secretHint}`, b.messagingEndpointPath, `since ${channelDateFormat.format(new Date(b.createdAt))}`],
      }))}
      error={list.error}
      remove={(row) => <DisconnectButton row={row} />}
    />
  );
}
