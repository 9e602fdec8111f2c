"use client";

// Live inbox: the inbox.onChange subscription (server-sent events, fed by PostgreSQL LISTEN/NOTIFY so a change made
// through any app instance arrives) refreshes the list and the open thread at once (a @mention rings the header's bell:
// notification-bell.tsx). On every (re)connect everything shown is re-read, since changes made while disconnected were
// not heard.
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback } from "react";
import { useTRPC } from "@/trpc/react";

export type LiveState = "connecting" | "live" | "offline";

export function useLiveInbox(): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshAll = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() }), [queryClient, trpc]);
  const subscription = useSubscription(
    trpc.inbox.onChange.subscriptionOptions(
      {},
      {
        onStarted: refreshAll,
        onData: (event) => {
          if (event.kind === "resync") return refreshAll();
          // The list (an infinite query: its key is the path's), the members' loads, and this thread.
          void queryClient.invalidateQueries({ queryKey: trpc.inbox.list.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.inbox.members.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.inbox.thread.queryKey({ conversationId: event.conversationId }) });
        },
      },
    ),
  );
  return subscription.status === "pending" ? "live" : subscription.status === "error" ? "offline" : "connecting";
}
