"use client";

import { useQuery } from "@tanstack/react-query";
import { MessageCircleIcon } from "lucide-react";
import { SettingCardPlaceholder } from "@/components/portal/integer-setting-card";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { useTRPC } from "@/trpc/react";
import { ConnectWhatsAppDialog } from "./connect-whatsapp-dialog";
import { SlackCard } from "./slack-card";
import { TeamsCard } from "./teams-card";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

interface WhatsAppNumberRow {
  id: string;
  e164: string;
  phoneNumberId: string;
  wabaId: string;
  tokenHint: string;
  createdAt: Date | string;
}

function DisconnectButton({ row }: { row: WhatsAppNumberRow }) {
  const trpc = useTRPC();
  const disconnect = useToastMutation(trpc.messages.disconnectWhatsAppNumber.mutationOptions(), {
    success: `${row.e164} disconnected`,
    invalidate: [trpc.messages.whatsappNumbers.queryKey()],
  });
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" aria-label={`Disconnect ${row.e164}`}>
          Disconnect
        </Button>
      }
      title={`Disconnect ${row.e164}?`}
      description="Messages from this number are refused and its webhooks are ignored until it is connected again. Its token is deleted."
      confirmLabel="Disconnect"
      destructive
      pending={disconnect.isPending}
      onConfirm={() => disconnect.mutate({ whatsAppNumberId: row.id })}
    />
  );
}

function WhatsAppCard({ rows }: { rows: WhatsAppNumberRow[] }) {
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex flex-col gap-1.5">
          <CardTitle>WhatsApp</CardTitle>
          <CardDescription>
            WhatsApp Business numbers on Meta&apos;s Cloud API. Free-form messages go only to users who wrote in the last 24 hours; otherwise send an approved template. Webhook URL for Meta: /api/webhooks/whatsapp.
          </CardDescription>
        </div>
        {rows.length > 0 && <ConnectWhatsAppDialog />}
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <EmptyState icon={MessageCircleIcon} title="No WhatsApp number connected" description="Connect a number to send and receive WhatsApp messages through the messages API." action={<ConnectWhatsAppDialog />} />
        ) : (
          <ul className="divide-y" aria-label="WhatsApp numbers">
            {rows.map((row) => (
              <li key={row.id} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex min-w-0 flex-col gap-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium tabular-nums">{row.e164}</span>
                    <Badge variant="secondary">Connected</Badge>
                  </div>
                  <div className="text-sm text-muted-foreground break-all">
                    Phone number ID {row.phoneNumberId} · WABA {row.wabaId} · token ••••{row.tokenHint} · since {dateFormat.format(new Date(row.createdAt))}
                  </div>
                </div>
                <div className="flex shrink-0 gap-2">
                  <DisconnectButton row={row} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** Settings → Channels: the chat channels the account sends and receives on (WhatsApp, Slack, Teams). */
export function ChannelsPanel() {
  const trpc = useTRPC();
  const numbers = useQuery(trpc.messages.whatsappNumbers.queryOptions());
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Channels" description="Connect messaging channels beyond SMS." className="pb-0" />
      {numbers.data ? <WhatsAppCard rows={numbers.data} /> : <SettingCardPlaceholder error={numbers.error} />}
      <SlackCard />
      <TeamsCard />
    </div>
  );
}
