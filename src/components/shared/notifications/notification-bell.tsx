"use client";

// The bell in the portal's and the desktop's header: the member's @mentions, the unread count, live over the
// notifications.onChange subscription (PostgreSQL LISTEN/NOTIFY, so a note written through any app instance rings it).
// Opening one marks it read and opens its conversation in the member's inbox (`inboxHref`?conversation=…).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { AtSignIcon, BellIcon, CheckCheckIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type NotificationItem = inferRouterOutputs<AppRouter>["notifications"]["list"]["items"][number];

const when = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

export function NotificationBell({ inboxHref }: { inboxHref: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const list = useQuery(trpc.notifications.list.queryOptions({ limit: 20 }));
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }), [queryClient, trpc]);
  useSubscription(
    trpc.notifications.onChange.subscriptionOptions(undefined, {
      onStarted: refresh,
      onData: (event) => {
        refresh();
        if (event.kind === "created") toast.info("You were mentioned in a note", { description: "Open the bell to read it." });
      },
    }),
  );
  const markRead = useToastMutation(trpc.notifications.markRead.mutationOptions({ onSettled: refresh }));
  const markAll = useToastMutation(trpc.notifications.markAllRead.mutationOptions({ onSettled: refresh }));
  const unread = list.data?.unreadCount ?? 0;
  const items = list.data?.items ?? [];

  const openOne = (n: NotificationItem) => {
    if (!n.read) markRead.mutate({ notificationId: n.id });
    setOpen(false);
    router.push(`${inboxHref}?conversation=${encodeURIComponent(n.conversationId)}`);
  };

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="icon" className="relative" aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"} data-testid="notification-bell">
          <BellIcon />
          {unread > 0 && (
            <span data-testid="notification-count" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-destructive px-1 text-center text-[10px] leading-4 font-semibold text-white">
              {unread > 99 ? "99+" : unread}
            </span>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-[min(22rem,calc(100vw-1rem))] p-0">
        <div className="flex items-center justify-between gap-2 border-b px-3 py-2">
          <h2 className="text-sm font-semibold">Notifications</h2>
          <Button variant="ghost" size="sm" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
            <CheckCheckIcon /> Mark all read
          </Button>
        </div>
        <ul className="max-h-96 overflow-y-auto" aria-label="Notifications">
          {list.isPending && <li className="p-4 text-sm text-muted-foreground">Loading…</li>}
          {list.isError && <li className="p-4 text-sm text-destructive">Could not load your notifications.</li>}
          {!list.isPending && items.length === 0 && <li className="p-4 text-sm text-muted-foreground">Nothing yet. When someone @mentions you in a note, it shows here.</li>}
          {items.map((n) => (
            <li key={n.id} className="border-b last:border-b-0">
              <button
                type="button"
                onClick={() => openOne(n)}
                data-testid="notification-item"
                className={cn("flex w-full gap-2 px-3 py-2.5 text-left text-sm outline-none hover:bg-muted/60 focus-visible:bg-muted", !n.read && "bg-primary/5")}
              >
                <AtSignIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                <span className="min-w-0 flex-1">
                  <span className="block">
                    <span className={cn(!n.read && "font-semibold")}>{n.actorName ?? "Someone"}</span> mentioned you about {n.contactName}
                  </span>
                  <span className="line-clamp-2 text-muted-foreground">{n.excerpt}</span>
                  <span className="text-xs text-muted-foreground">{when.format(new Date(n.createdAt))}</span>
                </span>
                {!n.read && <span className="mt-1.5 size-2 shrink-0 rounded-full bg-primary" aria-label="unread" />}
              </button>
            </li>
          ))}
        </ul>
      </PopoverContent>
    </Popover>
  );
}
