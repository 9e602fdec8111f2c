"use client";

// Live agent states: the agents.onChange subscription (server-sent events from PostgreSQL NOTIFY) re-reads the agent
// list and the queue numbers on every change, and everything on (re)connect, as the inbox does.
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback } from "react";
import { useTRPC } from "@/trpc/react";

export type LiveState = "connecting" | "live" | "offline";

export function useLiveAgents(): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.contactCentre.queueMetrics.pathKey() });
  }, [queryClient, trpc]);
  const subscription = useSubscription(trpc.agents.onChange.subscriptionOptions(undefined, { onStarted: refresh, onData: refresh }));
  return subscription.status === "pending" ? "live" : subscription.status === "error" ? "offline" : "connecting";
}

