"use client";

import { useQuery } from "@tanstack/react-query";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useTRPC } from "@/trpc/react";

/** Whether this member takes new conversations: their agent state (available or away), the desktop's presence. */
export function AvailabilitySwitch() {
  const trpc = useTRPC();
  const state = useQuery(trpc.inbox.availability.queryOptions());
  const set = useToastMutation(trpc.inbox.setAvailability.mutationOptions(), {
    success: (d) => (d.availability === "available" ? "You are available: new conversations come to you" : "You are away: no new conversations"),
    invalidate: [trpc.inbox.availability.queryKey(), trpc.inbox.members.queryKey(), trpc.agents.me.queryKey()],
  });
  const on = state.data?.availability === "available";
  return (
    <div className="flex items-center gap-2">
      <Switch id="inbox-available" checked={on} disabled={state.isPending || set.isPending} onCheckedChange={(v) => set.mutate({ availability: v ? "available" : "away" })} />
      <Label htmlFor="inbox-available" className="text-sm">
        {on ? "Available for conversations" : "Away"}
      </Label>
    </div>
  );
}
