"use client";

import { useQuery } from "@tanstack/react-query";
import { IntegerSettingCard, SettingCardPlaceholder } from "@/components/portal/integer-setting-card";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { useTRPC } from "@/trpc/react";

// The bounds of ZQueueSeconds (src/server/calls/calls.schemas.ts), which components may not import.
const MIN_SECONDS = 1;
const MAX_SECONDS = 3600;

/** Settings card: how long an outbound call may wait queued before it fails instead of being dialled late. */
export function CallQueueSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.calls.settings.queryOptions());
  const save = useToastMutation(trpc.calls.setMaxQueueSeconds.mutationOptions(), {
    success: ({ maxQueueSeconds }) => `Queued calls now give up after ${maxQueueSeconds} seconds`,
    invalidate: [trpc.calls.settings.queryKey()],
    error: false,
  });

  if (!settings.data) return <SettingCardPlaceholder error={settings.error} />;
  const { maxQueueSeconds, canEdit } = settings.data;

  return (
    <IntegerSettingCard
      titleId="call-queue-title"
      title="Outbound call queue"
      description="A call waits queued while no switch is connected or your calls-per-second and concurrent-call limits hold it back. A call still waiting after this long fails with QUEUE_TIMEOUT instead of ringing late. A call placed through the API may set its own queue_timeout."
      name="maxQueueSeconds"
      label="Give up on a queued call after (seconds)"
      value={maxQueueSeconds}
      current={`Currently ${maxQueueSeconds} seconds; applies to calls placed from now on.`}
      min={MIN_SECONDS}
      max={MAX_SECONDS}
      rangeMessage={`Enter whole seconds from ${MIN_SECONDS} to ${MAX_SECONDS}`}
      canEdit={canEdit}
      saving={save.isPending}
      save={(value) => save.mutateAsync({ maxQueueSeconds: value! })}
    />
  );
}
