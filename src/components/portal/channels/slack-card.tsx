"use client";

import { useQuery } from "@tanstack/react-query";
import { HashIcon } from "lucide-react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/react";
import { ChannelCard, channelDateFormat, ChannelRow, RemoveChannelButton } from "./channel-card";

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
    <RemoveChannelButton
      verb="Remove"
      name={row.teamName}
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
    <ChannelCard
      query={list}
      title="Slack"
      description="Workspaces the IRISX app is installed in. Send with channel slack, from the team id, to a channel the bot is in. Events URL: /api/webhooks/slack."
      action={<AddToSlackButton />}
      empty={{ icon: HashIcon, title: "No Slack workspace", description: "Add the app to a workspace to receive its messages and reply from IRISX." }}
      listLabel="Slack workspaces"
      row={(row) => (
        <ChannelRow
          key={row.id}
          name={row.teamName}
          state="Installed"
          details={`Team ${row.teamId} · bot ${row.botUserId} · token ••••${row.tokenHint} · since ${channelDateFormat.format(new Date(row.createdAt))}`}
          actions={<RemoveButton row={row} />}
        />
      )}
    />
  );
}
