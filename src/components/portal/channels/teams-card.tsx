"use client";

import { useQuery } from "@tanstack/react-query";
import { BotIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";
import { ChannelCard, channelDateFormat, ChannelRow, RemoveChannelButton } from "./channel-card";
import { ConnectChannelDialog } from "./connect-channel-dialog";

const FIELDS = ["name", "appId", "appTenantId", "clientSecret"] as const;

/** Registers a tenant's Azure Bot: its App ID, the Entra tenant that issues its tokens, and a client secret (write-only). */
function ConnectTeamsBotDialog() {
  const trpc = useTRPC();
  const connect = useToastMutation(trpc.messages.connectTeamsBot.mutationOptions(), { success: (b) => `${b.name} connected`, invalidate: [trpc.messages.teamsBots.queryKey()], error: false });
  return (
    <ConnectChannelDialog
      trigger={<Button size="sm">Connect Teams bot</Button>}
      title="Connect a Teams bot"
      description="From the Azure Bot's Configuration page. IRISX checks the credentials by asking Microsoft for a token; the secret is stored encrypted and never shown again."
      fieldNames={FIELDS}
      connect={(input) => connect.mutateAsync(input)}
      pending={connect.isPending}
    >
      {(errors) => (
        <>
          <FormField label="Name" error={errors?.name} required description="How the bot is listed here.">
            <Input name="name" autoComplete="off" placeholder="Support bot" />
          </FormField>
          <FormField label="Microsoft App ID" error={errors?.appId} required>
            <Input name="appId" autoComplete="off" spellCheck={false} placeholder="00000000-0000-0000-0000-000000000000" />
          </FormField>
          <FormField label="App tenant ID" error={errors?.appTenantId} required description="The Entra directory (tenant) ID of a single-tenant bot; botframework.com for a multi-tenant one.">
            <Input name="appTenantId" autoComplete="off" spellCheck={false} defaultValue="botframework.com" />
          </FormField>
          <FormField label="Client secret" error={errors?.clientSecret} required description="The secret's value (Certificates & secrets), not its ID.">
            <Input name="clientSecret" type="password" autoComplete="new-password" spellCheck={false} />
          </FormField>
        </>
      )}
    </ConnectChannelDialog>
  );
}

function DisconnectButton({ row }: { row: { id: string; name: string } }) {
  const trpc = useTRPC();
  const disconnect = useToastMutation(trpc.messages.disconnectTeamsBot.mutationOptions(), { success: `${row.name} disconnected`, invalidate: [trpc.messages.teamsBots.queryKey()] });
  return (
    <RemoveChannelButton
      verb="Disconnect"
      name={row.name}
      description="Messages from this bot are refused and its activities answered 404 until it is connected again. Its secret and known conversations are deleted."
      pending={disconnect.isPending}
      onConfirm={() => disconnect.mutate({ teamsBotId: row.id })}
    />
  );
}

/** Azure Bots (Bot Framework) the account connected: each row names the messaging endpoint to set in Azure. */
export function TeamsCard() {
  const trpc = useTRPC();
  const list = useQuery(trpc.messages.teamsBots.queryOptions());
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <ChannelCard
      query={list}
      title="Microsoft Teams"
      description="Azure Bots on the Bot Framework. Set each bot's messaging endpoint in Azure; send with channel teams, from the App ID, to a conversation the bot has received a message in."
      action={<ConnectTeamsBotDialog />}
      empty={{ icon: BotIcon, title: "No Teams bot", description: "Connect an Azure Bot to receive Teams messages in the inbox and reply from IRISX." }}
      listLabel="Teams bots"
      row={(row) => (
        <ChannelRow
          key={row.id}
          name={row.name}
          state="Connected"
          details={
            <>
              <span>
                App ID {row.appId} · tenant {row.appTenantId} · secret ••••{row.secretHint} · since {channelDateFormat.format(new Date(row.createdAt))}
              </span>
              <span className="mt-1 flex items-center gap-1">
                <span>
                  Messaging endpoint <code className="font-mono text-xs">{`${origin}${row.messagingEndpointPath}`}</code>
                </span>
                <CopyButton value={`${origin}${row.messagingEndpointPath}`} label={`Copy the messaging endpoint of ${row.name}`} />
              </span>
            </>
          }
          actions={<DisconnectButton row={row} />}
        />
      )}
    />
  );
}
