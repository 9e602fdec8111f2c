"use client";

// Live call status for the calls pages: the calls.onChange subscription (server-sent events) patches the status
// of cached calls at once, then refetches what is shown (durations, costs, the timeline) at most every 300 ms.
// On every (re)connect the pages re-read too, since changes made while disconnected were not heard.
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useRef } from "react";
import type { CallRow, CallStatus } from "@/components/portal/calls/types";
import { useTRPC } from "@/trpc/react";

type Page = { items: CallRow[] };

export type LiveState = "connecting" | "live" | "offline";

export function useLiveCalls(callId?: string): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: trpc.calls.pathKey() });
    }, 300);
  }, [queryClient, trpc]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const patchStatus = useCallback(
    (id: string, status: CallStatus) => {
      queryClient.setQueriesData<Page>({ queryKey: trpc.calls.list.queryKey() }, (page) =>
        page ? { ...page, items: page.items.map((c) => (c.id === id ? { ...c, status } : c)) } : page,
      );
      queryClient.setQueryData(trpc.calls.get.queryKey({ callId: id }), (call) => (call ? { ...call, status } : call));
    },
    [queryClient, trpc],
  );

  const subscription = useSubscription(
    trpc.calls.onChange.subscriptionOptions(callId ? { callId } : {}, {
      onStarted: refresh,
      onData: (event) => {
        if (event.kind === "changed") patchStatus(event.callId, event.status);
        refresh();
      },
    }),
  );
  return subscription.status === "pending" ? "live" : subscription.status === "error" ? "offline" : "connecting";
}
