"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { InboxIcon, SearchXIcon } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useRef, type KeyboardEvent } from "react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { atLeast } from "@/components/portal/role-labels";
import { VoicemailMessage } from "@/components/portal/voicemail/voicemail-message";
import { VoicemailNav } from "@/components/portal/voicemail/voicemail-nav";
import { useTRPC } from "@/trpc/react";

const ALL = "all";

/** The inbox's state lives in the address: ?box=, ?unread=1, and ?message= for the open message (the email's link). */
function useInboxParams() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (patch: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      const q = next.toString();
      router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  return { boxId: params.get("box"), unreadOnly: params.get("unread") === "1", openId: params.get("message"), set };
}

/** Arrow keys, Home and End move between the messages' rows. */
function moveFocus(e: KeyboardEvent<HTMLButtonElement>) {
  const keys: Record<string, (i: number, n: number) => number> = {
    ArrowDown: (i, n) => Math.min(i + 1, n - 1),
    ArrowUp: (i) => Math.max(i - 1, 0),
    Home: () => 0,
    End: (_i, n) => n - 1,
  };
  const to = keys[e.key];
  if (!to) return;
  const rows = [...(e.currentTarget.closest("ul")?.querySelectorAll<HTMLButtonElement>("[data-voicemail-row]") ?? [])];
  const next = rows[to(rows.indexOf(e.currentTarget), rows.length)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

export function VoicemailInbox() {
  const trpc = useTRPC();
  const { boxId, unreadOnly, openId, set } = useInboxParams();
  const firstRow = useRef<HTMLButtonElement>(null);
  const role = useQuery(trpc.tenant.current.queryOptions()).data?.role ?? "AGENT";
  const canDelete = atLeast(role, "ADMIN");
  const boxes = useQuery(trpc.voicemail.boxes.queryOptions({ limit: 100 }));
  const input = { limit: 25, unreadOnly, ...(boxId ? { boxId } : {}) };
  // A message's audio is stored a moment after its call ends: look again until none is being stored.
  const messages = useInfiniteQuery(
    trpc.voicemail.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((v) => v.audio === "storing")) ? 3000 : false),
    }),
  );
  const listKey = trpc.voicemail.list.pathKey();
  const markRead = useToastMutation(trpc.voicemail.markRead.mutationOptions(), { invalidate: [listKey] });
  // After a delete the focus goes back to the list, not to the page's top.
  const remove = useToastMutation({ ...trpc.voicemail.delete.mutationOptions(), onSuccess: () => firstRow.current?.focus() }, { success: "Message deleted", invalidate: [listKey] });
  const items = messages.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(boxId || unreadOnly);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Voicemail" description="Messages callers left in your voicemail boxes, newest first. Open one to listen; it is marked read when you play it." />
      <VoicemailNav current="/voicemail" />
      <div role="search" aria-label="Filter messages" className="flex flex-wrap items-end gap-4">
        <div className="grid gap-1.5">
          <Label htmlFor="voicemail-box" className="text-xs text-muted-foreground">
            Box
          </Label>
          <Select value={boxId ?? ALL} onValueChange={(v) => set({ box: v === ALL ? null : v, message: null })}>
            <SelectTrigger id="voicemail-box" className="w-56">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>All boxes</SelectItem>
              {boxes.data?.items.map((b) => (
                <SelectItem key={b.id} value={b.id}>
                  {b.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="flex h-9 items-center gap-2">
          <Switch id="voicemail-unread" checked={unreadOnly} onCheckedChange={(on) => set({ unread: on ? "1" : null })} />
          <Label htmlFor="voicemail-unread">Unread only</Label>
        </div>
      </div>
      {messages.isPending ? (
        <div className="flex flex-col gap-2">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-14 w-full" />
          ))}
        </div>
      ) : messages.isError ? (
        <p role="alert" className="text-sm text-destructive">
          Could not load the messages: {messages.error.message}
        </p>
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState icon={SearchXIcon} title="No messages match" action={<Button variant="outline" onClick={() => set({ box: null, unread: null })}>Show all messages</Button>} />
        ) : (
          <EmptyState
            icon={InboxIcon}
            title="No voicemail yet"
            description="Messages appear here when callers reach a box: redirect a call to the box's address (irisx:voicemail/…), shown on the Boxes page."
            action={
              <Button variant="outline" asChild>
                <Link href="/voicemail/boxes">Manage boxes</Link>
              </Button>
            }
          />
        )
      ) : (
        <>
          <ul aria-label="Messages" className="flex flex-col gap-2">
            {items.map((v, i) => (
              <VoicemailMessage
                key={v.id}
                ref={i === 0 ? firstRow : undefined}
                voicemail={v}
                open={openId === v.id}
                onToggle={() => set({ message: openId === v.id ? null : v.id })}
                onKeyDown={moveFocus}
                onPlay={() => v.readAt === null && markRead.mutate({ id: v.id, read: true })}
                onMarkRead={(read) => markRead.mutate({ id: v.id, read })}
                canDelete={canDelete}
                onDelete={() => remove.mutate({ id: v.id })}
                busy={markRead.isPending || remove.isPending}
              />
            ))}
          </ul>
          {messages.hasNextPage && (
            <Button variant="outline" className="self-center" disabled={messages.isFetchingNextPage} onClick={() => void messages.fetchNextPage()}>
              {messages.isFetchingNextPage ? "Loading…" : "Older messages"}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
