"use client";

// The agent's consultation going on (agents.myConsult): whom they consult or added, whether that phone still rings,
// answered or has gone, and whether the caller is on hold. Complete leaves the caller with them (the agent's part
// ends: wrap-up), Three-way takes the caller off hold to talk all together, Cancel hangs the third party up and brings
// the caller back. Hanging up instead of pressing Complete completes too, as on a desk phone. While one goes on the
// state is read every 1.5 s (the room's joins and leaves change no agent state of the agent's own to push).
import { useQuery } from "@tanstack/react-query";
import { PhoneForwardedIcon, PhoneOffIcon, UsersIcon } from "lucide-react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/react";

const TARGET_STATE = { ringing: "Ringing…", connected: "Connected", gone: "Not answered or hung up" } as const;

export function ConsultBar({ active }: { active: boolean }) {
  const trpc = useTRPC();
  const consult = useQuery({ ...trpc.agents.myConsult.queryOptions(), enabled: active, refetchInterval: (q) => (q.state.data ? 1500 : 4000) });
  const finish = useToastMutation(trpc.agents.finishConsult.mutationOptions(), {
    success: (r) => (r.status === "completed" ? "Transfer completed" : r.status === "cancelled" ? "Consultation cancelled: you are back with the caller" : "Three-way call"),
    invalidate: [trpc.agents.myConsult.queryKey(), trpc.agents.me.queryKey()],
  });
  const data = consult.data;
  if (!active || !data) return null;
  const connected = data.targetState === "connected";
  return (
    <div className="flex flex-col gap-2 rounded-md border border-primary/40 bg-primary/5 p-3" data-testid="consult-bar" aria-live="polite">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{data.status === "consulting" ? "Consulting" : "Three-way with"}</span>
        <span className="truncate">{data.target.label}</span>
        <Badge variant={connected ? "default" : data.targetState === "gone" ? "destructive" : "outline"} data-testid="consult-target-state">
          {TARGET_STATE[data.targetState]}
        </Badge>
        {data.customerHeld && (
          <Badge variant="secondary" className="ml-auto">
            Caller on hold
          </Badge>
        )}
      </div>
      <div className="flex flex-wrap gap-2 [&>button]:min-w-[6.5rem] [&>button]:flex-1">
        <Button size="sm" onClick={() => finish.mutate({ action: "complete" })} disabled={!connected || finish.isPending} title="Leave the caller with them">
          <PhoneForwardedIcon /> Complete
        </Button>
        <Button size="sm" variant="outline" onClick={() => finish.mutate({ action: "conference" })} disabled={data.status === "conference" || !connected || finish.isPending} title="Talk all together">
          <UsersIcon /> Three-way
        </Button>
        <Button size="sm" variant="outline" onClick={() => finish.mutate({ action: "cancel" })} disabled={finish.isPending} title="Hang up the third party and go back to the caller">
          <PhoneOffIcon /> {data.status === "consulting" ? "Cancel" : "Drop"}
        </Button>
      </div>
    </div>
  );
}
