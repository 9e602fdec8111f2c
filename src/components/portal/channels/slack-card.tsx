"use client";

import { useQuery } from "@tanstack/react-query";
import { HashIcon } from "lucide-react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/react";
import { channelDateFormat, ConnectedChannelCard, RemoveChannelButton, type ConnectedChannelRow } from "./connected-channel-card";

function AddToSlackButton() {
  const trpc = useTRPC();
  const start = useToastMutation(trpc.messages.startSlackInstall.mutationOptions());
  return (
    <Button size="sm" disabled={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: ({ url }) => window.location.assign(url) })}>
      {start.isPending ? "Opening Slack…" : "Add to Slack"}
    </Button>
  );
}

function RemoveButton({ row }: { row: ConnectedChannelRow }) {
  const trpc = useTRPC();
  const remove = useToastMutation(trpc.messages.removeSlackWorkspace.mutationOptions(), { success: `${row.name} removed`, invalidate: [trpc.messages.slackWorkspaces.queryKey()] });
  return (
    <RemoveChannelButton
      name={row.name}
      verb="Remove"
      description="Messages to this workspace are refused and its events ignored until the app is added again. Its bot token is deleted; uninstall the app in Slack too."
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ slackWorkspaceId: row.id })}
    />
  );
}

/** Slack workspaces the app is installed in (OAuth v2), each with its team id (a message's `from`). */
export function SlackCard() {
  const trpc = useTRPC();
  const list = useQuery(trpc.messages.slackWorkspaces.queryOptions());
  return (
    <ConnectedChannelCard
      title="Slack"
      description="Workspaces the IRISX app is installed in. Send with channel slack, from the team id, to a channel the bot is in. Events URL: /api/webhooks/slack."
      icon={HashIcon}
      listLabel="Slack workspaces"
      badge="Installed"
      empty={{ title: "No Slack workspace", description: "Add the app to a workspace to receive its messages and reply from IRISX." }}
      connect={<AddToSlackButton />}
      rows={list.data?.map((w) => ({ id: w.id, name: w.teamName, detail: [`Team ${w.teamId}`, `bot ${w.botUserId}`, `token ••••${w.tokenHint}`, `since ${channelDateFormat.format(new Date(w.createdAt))}`] }))}
      error={list.error}
      remove={(row) => <RemoveButton row={row} />}
    />
  );
}
