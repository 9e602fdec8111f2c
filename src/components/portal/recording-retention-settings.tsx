"use client";

import { useQuery } from "@tanstack/react-query";
import { IntegerSettingCard, SettingCardPlaceholder } from "@/components/portal/integer-setting-card";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { useTRPC } from "@/trpc/react";

const MAX_DAYS = 3650;

/** Settings card: how many days call recordings are kept (empty: forever). Admins and owners can change it. */
export function RecordingRetentionSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.recordings.settings.queryOptions());
  const save = useToastMutation(trpc.recordings.setRetention.mutationOptions(), {
    success: ({ retentionDays }) => (retentionDays === null ? "Recordings are kept until deleted" : `Recordings are deleted after ${retentionDays} days`),
    invalidate: [trpc.recordings.settings.queryKey()],
    error: false,
  });

  if (!settings.data) return <SettingCardPlaceholder error={settings.error} />;
  const { retentionDays, canEdit } = settings.data;

  return (
    <IntegerSettingCard
      titleId="recording-retention-title"
      title="Call recordings"
      description="Recordings older than this are deleted every night, audio included. Leave empty to keep them until someone deletes them."
      name="days"
      label="Delete recordings after (days)"
      value={retentionDays}
      current={retentionDays === null ? "Currently kept forever." : `Currently ${retentionDays} days.`}
      min={1}
      max={MAX_DAYS}
      emptyMeans="Keep forever"
      rangeMessage={`Enter whole days from 1 to ${MAX_DAYS}, or leave empty to keep recordings`}
      canEdit={canEdit}
      saving={save.isPending}
      save={(days) => save.mutateAsync({ days })}
    />
  );
}
