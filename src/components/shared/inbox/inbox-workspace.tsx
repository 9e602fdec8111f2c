"use client";

// The unified inbox, for agents at /desktop and for supervisors and admins at /inbox: a conversation list (tabs
// Mine / Unassigned / All, search, and for supervisors filters and bulk resolve) beside the open thread. Keyboard:
// j/k move, r reply, n note, e resolve, c new email, / search, ? help. Live over the inbox.onChange subscription.
// `?conversation=<id>` (a notification's link) opens that conversation even when the list's filters hide it.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, CheckIcon, InboxIcon, MailPlusIcon, SearchXIcon } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ConversationThread, type ComposerHandle } from "@/components/shared/inbox/conversation-thread";
import { NewEmailDialog } from "@/components/shared/inbox/new-email-dialog";
import { CHANNEL_LABEL, PRIORITIES, STATUS_LABEL, type ConversationRow } from "@/components/shared/inbox/types";
import { useLiveInbox } from "@/components/shared/inbox/use-live-inbox";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";

type Tab = "mine" | "unassigned" | "all";
const ANY = "any";

const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous conversation"],
  ["r", "Reply"],
  ["n", "Write an internal note"],
  ["e", "Resolve the conversation"],
  ["c", "Write a new email"],
  ["/", "Search"],
  ["?", "This help"],
  ["Ctrl + Enter", "Send the reply or note"],
  ["Esc", "Leave the text box"],
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

function timeAgo(date: Date): string {
  const s = Math.max(0, Math.round((Date.now() - new Date(date).getTime()) / 1000));
  if (s < 60) return "now";
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

export function InboxWorkspace({ mode }: { mode: "agent" | "supervisor" }) {
  const trpc = useTRPC();
  const live = useLiveInbox();
  const [tab, setTab] = useState<Tab>(mode === "agent" ? "mine" : "all");
  const [status, setStatus] = useState<string>("open");
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [filters, setFilters] = useState<{ assigneeUserId?: string; teamId?: string; label?: string; channel?: string; priority?: string }>({});
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [help, setHelp] = useState(false);
  const [composing, setComposing] = useState(false);
  const linkedId = useSearchParams().get("conversation");
  const searchRef = useRef<HTMLInputElement>(null);
  const composerRef = useRef<ComposerHandle>(null);

  useEffect(() => {
    const t = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(t);
  }, [search]);

  const listInput = {
    tab,
    status: status as "open",
    ...(query ? { search: query } : {}),
    ...(filters.assigneeUserId ? { assigneeUserId: filters.assigneeUserId } : {}),
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.label ? { label: filters.label } : {}),
    ...(filters.channel ? { channel: filters.channel as "sms" } : {}),
    ...(filters.priority ? { priority: filters.priority as "none" } : {}),
    limit: 30,
  };
  const list = useInfiniteQuery(trpc.inbox.list.infiniteQueryOptions(listInput, { getNextPageParam: (page) => page.nextCursor }));
  const conversations = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const members = useQuery(trpc.inbox.members.queryOptions());
  const teams = useQuery(trpc.inbox.teams.queryOptions());
  useEffect(() => {
    if (linkedId) setSelectedId(linkedId);
  }, [linkedId]);
  const inList = conversations.find((c) => c.id === selectedId) ?? null;
  // A linked or just-started conversation the list's tab or filters leave out is read on its own.
  const single = useQuery({ ...trpc.inbox.get.queryOptions({ conversationId: selectedId ?? "" }), enabled: !!selectedId && !inList && !list.isPending });
  const selected = inList ?? (single.data?.id === selectedId ? single.data : null);

  const update = useToastMutation(trpc.inbox.update.mutationOptions(), { invalidate: [trpc.inbox.pathKey()] });
  const bulk = useToastMutation(trpc.inbox.bulkResolve.mutationOptions({ onSuccess: () => setChecked(new Set()) }), {
    success: (d) => `${d.resolved} conversation${d.resolved === 1 ? "" : "s"} resolved`,
    invalidate: [trpc.inbox.pathKey()],
  });

  const move = useCallback(
    (delta: number) => {
      if (!conversations.length) return;
      const i = conversations.findIndex((c) => c.id === selectedId);
      const next = conversations[Math.min(conversations.length - 1, Math.max(0, i < 0 ? 0 : i + delta))];
      if (next) {
        setSelectedId(next.id);
        document.querySelector<HTMLElement>(`[data-conversation-row="${next.id}"]`)?.scrollIntoView({ block: "nearest" });
      }
    },
    [conversations, selectedId],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (isTyping(e.target)) {
        if (e.key === "Escape") (e.target as HTMLElement).blur();
        return;
      }
      const actions: Record<string, () => void> = {
        j: () => move(1),
        k: () => move(-1),
        r: () => composerRef.current?.focus("reply"),
        n: () => composerRef.current?.focus("note"),
        e: () => selected && selected.status !== "resolved" && update.mutate({ conversationId: selected.id, status: "resolved" }),
        "/": () => searchRef.current?.focus(),
        "?": () => setHelp(true),
        c: () => setComposing(true),
      };
      const action = actions[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [move, selected, update]);

  const toggleChecked = (id: string, on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="flex h-full min-h-[32rem] flex-col overflow-hidden rounded-xl border bg-card text-card-foreground md:flex-row" data-testid="inbox">
      <section aria-label="Conversations" className={cn("flex min-h-0 flex-col border-b md:w-80 md:shrink-0 md:border-r md:border-b-0 lg:w-96", selected && "hidden md:flex")}>
        <div className="space-y-2 border-b p-3">
          <div className="flex items-center justify-between gap-2">
            <h2 className="font-semibold">Inbox</h2>
            <Button size="sm" variant="outline" className="ml-auto" onClick={() => setComposing(true)} aria-keyshortcuts="c">
              <MailPlusIcon /> New email
            </Button>
            <span className="flex items-center gap-1.5 text-xs text-muted-foreground" aria-live="polite">
              <span className={cn("size-2 rounded-full", live === "live" ? "bg-success" : live === "offline" ? "bg-destructive" : "bg-warning")} />
              {live === "live" ? "Live" : live === "offline" ? "Offline" : "Connecting"}
            </span>
          </div>
          <div role="tablist" aria-label="Which conversations" className="grid grid-cols-3 rounded-md bg-muted p-0.5 text-sm">
            {(["mine", "unassigned", "all"] as const).map((t) => (
              <button
                key={t}
                role="tab"
                aria-selected={tab === t}
                onClick={() => setTab(t)}
                className={cn("rounded px-2 py-1 capitalize outline-none focus-visible:ring-2 focus-visible:ring-ring", tab === t ? "bg-background font-medium shadow-sm" : "text-muted-foreground")}
              >
                {t}
              </button>
            ))}
          </div>
          <Input ref={searchRef} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search messages and notes  ( / )" aria-label="Search conversations" />
          <div className="flex flex-wrap gap-2">
            <Select value={status} onValueChange={setStatus}>
              <SelectTrigger size="sm" aria-label="Conversation status" className="w-auto min-w-28">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {Object.entries(STATUS_LABEL).map(([v, l]) => (
                  <SelectItem key={v} value={v}>
                    {l}
                  </SelectItem>
                ))}
                <SelectItem value={ANY}>Any status</SelectItem>
              </SelectContent>
            </Select>
            {mode === "supervisor" && (
              <>
                <FilterSelect label="Assignee" value={filters.assigneeUserId} onChange={(v) => setFilters((f) => ({ ...f, assigneeUserId: v }))} options={(members.data ?? []).map((m) => [m.userId, m.name])} />
                <FilterSelect label="Team" value={filters.teamId} onChange={(v) => setFilters((f) => ({ ...f, teamId: v }))} options={(teams.data ?? []).map((t) => [t.id, t.name])} />
                <FilterSelect label="Channel" value={filters.channel} onChange={(v) => setFilters((f) => ({ ...f, channel: v }))} options={Object.entries(CHANNEL_LABEL)} />
                <FilterSelect label="Priority" value={filters.priority} onChange={(v) => setFilters((f) => ({ ...f, priority: v }))} options={PRIORITIES.filter((p) => p !== "none").map((p) => [p, p])} />
                <Input
                  aria-label="Label"
                  placeholder="Label"
                  className="h-8 w-28"
                  defaultValue={filters.label}
                  onKeyDown={(e) => e.key === "Enter" && setFilters((f) => ({ ...f, label: e.currentTarget.value.trim().toLowerCase() || undefined }))}
                  onBlur={(e) => setFilters((f) => ({ ...f, label: e.currentTarget.value.trim().toLowerCase() || undefined }))}
                />
              </>
            )}
          </div>
          {mode === "supervisor" && checked.size > 0 && (
            <div className="flex items-center justify-between rounded-md bg-muted px-2 py-1 text-sm">
              <span>{checked.size} selected</span>
              <Button size="sm" onClick={() => bulk.mutate({ conversationIds: [...checked] })} disabled={bulk.isPending}>
                <CheckIcon /> Resolve
              </Button>
            </div>
          )}
        </div>
        <ul className="min-h-0 flex-1 overflow-y-auto" aria-label="Conversation list">
          {list.isPending &&
            Array.from({ length: 5 }, (_, i) => (
              <li key={i} className="space-y-2 border-b p-3">
                <Skeleton className="h-4 w-1/2" />
                <Skeleton className="h-3 w-3/4" />
              </li>
            ))}
          {!list.isPending && conversations.length === 0 && (
            <li className="p-4">
              <EmptyState
                icon={query ? <SearchXIcon /> : <InboxIcon />}
                title={query ? "Nothing matches" : tab === "mine" ? "Nothing assigned to you" : "No conversations"}
                description={
                  query
                    ? "No message or note in these conversations has those words."
                    : tab === "mine"
                      ? "New conversations land here when they are routed to you. Set yourself Available to receive them."
                      : "Messages your contacts send to your numbers start conversations here."
                }
              />
            </li>
          )}
          {conversations.map((c) => (
            <ConversationListRow
              key={c.id}
              conversation={c}
              active={c.id === selectedId}
              onOpen={() => setSelectedId(c.id)}
              checkable={mode === "supervisor"}
              checked={checked.has(c.id)}
              onCheck={(on) => toggleChecked(c.id, on)}
            />
          ))}
          {list.hasNextPage && (
            <li className="p-2">
              <Button variant="ghost" className="w-full" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                Load more
              </Button>
            </li>
          )}
        </ul>
      </section>
      <section aria-label="Conversation" className={cn("flex min-h-0 min-w-0 flex-1 flex-col", !selected && "hidden md:flex")}>
        {selected ? (
          <>
            <Button variant="ghost" size="sm" className="m-2 self-start md:hidden" onClick={() => setSelectedId(null)}>
              <ArrowLeftIcon /> Conversations
            </Button>
            <ConversationThread ref={composerRef} conversation={selected} members={members.data ?? []} teams={teams.data ?? []} />
          </>
        ) : (
          <EmptyState
            className="flex-1"
            icon={<InboxIcon />}
            title="Pick a conversation"
            description="Choose one on the left, or press j to open the first. Press ? for the keyboard shortcuts."
          />
        )}
      </section>
      <NewEmailDialog open={composing} onOpenChange={setComposing} onSent={(conversationId) => setSelectedId(conversationId)} />
      <Dialog open={help} onOpenChange={setHelp}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Keyboard shortcuts</DialogTitle>
            <DialogDescription>They work whenever the cursor is not in a text box.</DialogDescription>
          </DialogHeader>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {SHORTCUTS.map(([keys, what]) => (
              <div key={keys} className="contents">
                <dt>
                  <kbd className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </DialogContent>
      </Dialog>
    </div>
  );
}

function FilterSelect({ label, value, onChange, options }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void; options: [string, string][] }) {
  return (
    <Select value={value ?? ANY} onValueChange={(v) => onChange(v === ANY ? undefined : v)}>
      <SelectTrigger size="sm" aria-label={label} className="w-auto min-w-32">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ANY}>Any {label.toLowerCase()}</SelectItem>
        {options.map(([v, l]) => (
          <SelectItem key={v} value={v} className="capitalize">
            {l}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

const PRIORITY_VARIANT: Record<string, "destructive" | "warning" | "info" | "secondary"> = { urgent: "destructive", high: "warning", medium: "info", low: "secondary" };

function ConversationListRow(props: { conversation: ConversationRow; active: boolean; onOpen: () => void; checkable: boolean; checked: boolean; onCheck: (on: boolean) => void }) {
  const c = props.conversation;
  return (
    <li className={cn("flex items-start gap-2 border-b px-3 py-2.5", props.active ? "bg-accent" : "hover:bg-muted/50")}>
      {props.checkable && <Checkbox className="mt-1" checked={props.checked} onCheckedChange={(v) => props.onCheck(v === true)} aria-label={`Select the conversation with ${c.contactName}`} />}
      <button type="button" data-conversation-row={c.id} onClick={props.onOpen} aria-current={props.active || undefined} className="min-w-0 flex-1 text-left outline-none focus-visible:ring-2 focus-visible:ring-ring">
        <div className="flex items-center gap-2">
          <span className={cn("truncate", c.unreadCount > 0 && "font-semibold")}>{c.contactName}</span>
          {c.unreadCount > 0 && (
            <span className="rounded-full bg-primary px-1.5 text-xs text-primary-foreground" aria-label={`${c.unreadCount} unread`}>
              {c.unreadCount}
            </span>
          )}
          <span className="ml-auto shrink-0 text-xs text-muted-foreground">{timeAgo(c.lastMessageAt)}</span>
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
          <Badge variant="outline">{CHANNEL_LABEL[c.channel] ?? c.channel}</Badge>
          {c.status !== "open" && <Badge variant="secondary">{STATUS_LABEL[c.status]}</Badge>}
          {c.priority !== "none" && <Badge variant={PRIORITY_VARIANT[c.priority]}>{c.priority}</Badge>}
          {c.labels.map((l) => (
            <Badge key={l} variant="outline">
              #{l}
            </Badge>
          ))}
          <span className="truncate">{c.assigneeName ?? "Unassigned"}</span>
        </div>
      </button>
    </li>
  );
}
