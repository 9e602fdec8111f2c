"use client";

import { useQuery } from "@tanstack/react-query";
import { HashIcon } from "lucide-react";
import { SettingCardPlaceholder } from "@/components/portal/integer-setting-card";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/trpc/react";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function AddToSlackButton() {
  const trpc = useTRPC();
  const start = useToastMutation(trpc.messages.startSlackInstall.mutationOptions());
  return (
    <Button size="sm" disabled={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: ({ url }) => window.location.assign(url) })}>
      {start.isPending ? "Opening Slack…" : "Add to Slack"}
    </Button>
  );
}

function RemoveButton({ row }: { row: { id: string; teamName: string } }) {
  const trpc = useTRPC();
  const remove = useToastMutation(trpc.messages.removeSlackWorkspace.mutationOptions(), { success: `${row.teamName} removed`, invalidate: [trpc.messages.slackWorkspaces.queryKey()] });
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" aria-label={`Remove ${row.teamName}`}>
          Remove
        </Button>
      }
      title={`Remove ${row.teamName}?`}
      description="Messages to this workspace are refused and its events ignored until the app is added again. Its bot token is deleted; uninstall the app in Slack too."
      confirmLabel="Remove"
      destructive
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ slackWorkspaceId: row.id })}
    />
  );
}

/** Slack workspaces the app is installed in (OAuth v2), each with its team id (a message's `from`). */
export function SlackCard() {
  const trpc = useTRPC();
  const list = useQuery(trpc.messages.slackWorkspaces.queryOptions());
  if (!list.data) return <SettingCardPlaceholder error={list.error} />;
  const rows = list.data;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Slack</CardTitle>
          <CardDescription>Workspaces the IRISX app is installed in. Send with channel slack, from the team id, to a channel the bot is in. Events URL: /api/webhooks/slack.</CardDescription>
        </div>
        {rows.length > 0 && <AddToSlackButton />}
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <EmptyState icon={HashIcon} title="No Slack workspace" description="Add the app to a workspace to receive its messages and reply from IRISX." action={<AddToSlackButton />} />
        ) : (
          <ul className="divide-y" aria-label="Slack workspaces">
            {rows.map((row) => (
              <li key={row.id} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex min-w-0 flex-col gap-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{row.teamName}</span>
                    <Badge variant="secondary">Installed</Badge>
                  </div>
                  <div className="text-sm text-muted-foreground break-all">
                    Team {row.teamId} · bot {row.botUserId} · token ••••{row.tokenHint} · since {dateFormat.format(new Date(row.createdAt))}
                  </div>
                </div>
                <RemoveButton row={row} />
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
