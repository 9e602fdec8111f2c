"use client";

// One conversation: its controls (status, snooze, assignee, team, priority, labels), the thread (messages, yellow
// internal notes, activity lines, and the contact's calls and voicemails from the contacts timeline) and the
// composer (reply or note; "/" + short code inserts a canned response; Ctrl+Enter sends).
import { useMutation, useQuery } from "@tanstack/react-query";
import { AlarmClockIcon, CheckIcon, PaperclipIcon, PhoneIcon, RotateCcwIcon, VoicemailIcon } from "lucide-react";
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { CHANNEL_LABEL, PRIORITIES, STATUS_LABEL, type CannedResponse, type ConversationRow, type InboxMember, type ThreadItem } from "@/components/shared/inbox/types";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";

export interface ComposerHandle {
  focus(mode: "reply" | "note"): void;
}

const NOBODY = "nobody";

export function ConversationThread({ conversation, members, teams, ref }: { conversation: ConversationRow; members: InboxMember[]; teams: { id: string; name: string }[]; ref?: Ref<ComposerHandle> }) {
  const trpc = useTRPC();
  const id = conversation.id;
  // Delivery status is not announced on the inbox feed (the sender's hot path stays free of NOTIFYs): while a reply
  // is still queued or sending, the thread re-reads every 2 s until the provider has it.
  const thread = useQuery(
    trpc.inbox.thread.queryOptions(
      { conversationId: id },
      { refetchInterval: (q) => (q.state.data?.items.some((i) => i.type === "message" && i.direction === "outbound" && (i.status === "queued" || i.status === "sending")) ? 2000 : false) },
    ),
  );
  const markRead = useMutation(trpc.inbox.markRead.mutationOptions());
  const update = useToastMutation(trpc.inbox.update.mutationOptions(), { invalidate: [trpc.inbox.pathKey()] });
  const bottom = useRef<HTMLDivElement>(null);

  const unread = conversation.unreadCount;
  const { mutate: markReadNow } = markRead;
  useEffect(() => {
    if (unread > 0) markReadNow({ conversationId: id });
  }, [id, unread, markReadNow]);
  const count = thread.data?.items.length ?? 0;
  // A block body on purpose: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
  useEffect(() => {
    void bottom.current?.scrollIntoView({ block: "end" });
  }, [count, id]);

  const set = (patch: Omit<Parameters<typeof update.mutate>[0], "conversationId">) => update.mutate({ conversationId: id, ...patch });

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="space-y-2 border-b p-3">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="truncate text-lg font-semibold">{conversation.contactName}</h3>
          <Badge variant="outline">{CHANNEL_LABEL[conversation.channel] ?? conversation.channel}</Badge>
          <span className="text-xs text-muted-foreground">
            {conversation.contactAddress} → {conversation.inboxAddress}
          </span>
          <Badge variant={conversation.status === "resolved" ? "success" : "secondary"} className="ml-auto" data-testid="conversation-status">
            {STATUS_LABEL[conversation.status]}
          </Badge>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {conversation.status === "resolved" ? (
            <Button size="sm" variant="outline" onClick={() => set({ status: "open" })}>
              <RotateCcwIcon /> Reopen
            </Button>
          ) : (
            <Button size="sm" onClick={() => set({ status: "resolved" })} aria-keyshortcuts="e">
              <CheckIcon /> Resolve
            </Button>
          )}
          {conversation.status !== "snoozed" && conversation.status !== "resolved" && (
            <Button size="sm" variant="outline" onClick={() => set({ status: "snoozed", snoozedUntil: new Date(Date.now() + 24 * 3600_000) })} title="Until tomorrow, or the contact's next message">
              <AlarmClockIcon /> Snooze
            </Button>
          )}
          {conversation.status === "open" && (
            <Button size="sm" variant="ghost" onClick={() => set({ status: "pending" })}>
              Mark pending
            </Button>
          )}
          <Select value={conversation.assigneeUserId ?? NOBODY} onValueChange={(v) => set({ assigneeUserId: v === NOBODY ? null : v })}>
            <SelectTrigger size="sm" aria-label="Assignee" className="w-40">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={NOBODY}>Unassigned</SelectItem>
              {members.map((m) => (
                <SelectItem key={m.userId} value={m.userId}>
                  {m.name} {m.availability === "available" ? "" : "(away)"}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select value={conversation.teamId ?? NOBODY} onValueChange={(v) => set({ teamId: v === NOBODY ? null : v })}>
            <SelectTrigger size="sm" aria-label="Team" className="w-32">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={NOBODY}>No team</SelectItem>
              {teams.map((t) => (
                <SelectItem key={t.id} value={t.id}>
                  {t.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select value={conversation.priority} onValueChange={(v) => set({ priority: v as "none" })}>
            <SelectTrigger size="sm" aria-label="Priority" className="w-32 capitalize">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {PRIORITIES.map((p) => (
                <SelectItem key={p} value={p} className="capitalize">
                  {p === "none" ? "No priority" : p}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <LabelEditor labels={conversation.labels} onChange={(labels) => set({ labels })} />
        </div>
      </header>
      <ol className="min-h-0 flex-1 space-y-2 overflow-y-auto p-3" aria-label="Thread" aria-live="polite">
        {thread.isPending && (
          <li className="space-y-2">
            <Skeleton className="h-10 w-2/3" />
            <Skeleton className="ml-auto h-10 w-1/2" />
          </li>
        )}
        {thread.data?.items.map((item) => <ThreadEntry key={`${item.type}:${item.id}`} item={item} />)}
        <div ref={bottom} />
      </ol>
      <Composer ref={ref} conversationId={id} />
    </div>
  );
}

function LabelEditor({ labels, onChange }: { labels: string[]; onChange: (labels: string[]) => void }) {
  const [draft, setDraft] = useState("");
  return (
    <div className="flex flex-wrap items-center gap-1">
      {labels.map((l) => (
        <Badge key={l} variant="outline" className="gap-1">
          #{l}
          <button type="button" aria-label={`Remove label ${l}`} className="text-muted-foreground hover:text-foreground" onClick={() => onChange(labels.filter((x) => x !== l))}>
            ×
          </button>
        </Badge>
      ))}
      <Input
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          const label = draft.trim().toLowerCase();
          if (e.key === "Enter" && label) {
            e.preventDefault();
            if (!labels.includes(label)) onChange([...labels, label]);
            setDraft("");
          }
        }}
        placeholder="Add label"
        aria-label="Add label"
        className="h-8 w-28"
      />
    </div>
  );
}

const time = (d: Date) => new Date(d).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

function activityText(item: Extract<ThreadItem, { type: "activity" }>): string {
  const who = item.actorName ?? "IRISX";
  const d = item.detail as Record<string, string | undefined>;
  switch (item.kind) {
    case "assigned":
      return d.by === "round_robin" ? `Assigned to ${d.userName ?? "an agent"} (round-robin)` : `${who} assigned ${d.userName ?? "an agent"}`;
    case "unassigned":
      return `${who} unassigned ${d.userName ?? "the agent"}`;
    case "team_assigned":
      return `${who} gave it to team ${d.teamName ?? ""}`;
    case "team_unassigned":
      return `${who} removed the team`;
    case "status_changed":
      if (d.by === "message") return "Reopened by a new message";
      if (d.by === "snooze_ended") return "The snooze ended: open again";
      return `${who} changed the status to ${d.to}`;
    case "priority_changed":
      return `${who} set the priority to ${d.to}`;
    case "label_added":
      return `${who} added #${d.label}`;
    case "label_removed":
      return `${who} removed #${d.label}`;
    default:
      return `${who}: ${item.kind}`;
  }
}

function Media({ messageId, urls, attachments }: { messageId: string; urls: string[]; attachments: { id: string; filename: string; contentType: string }[] }) {
  if (!urls.length && !attachments.length) return null;
  return (
    <ul className="mt-1 space-y-1">
      {attachments.map((a) => {
        const href = `/api/messages/${messageId}/attachments/${a.id}`;
        return (
          <li key={a.id}>
            {a.contentType.startsWith("image/") ? (
              <a href={href} target="_blank" rel="noreferrer noopener" title={a.filename}>
                {/* eslint-disable-next-line @next/next/no-img-element -- a member-only download, not a static asset */}
                <img src={href} alt={a.filename} className="max-h-48 max-w-full rounded-md border" loading="lazy" />
              </a>
            ) : (
              <a href={href} download={a.filename} className="inline-flex items-center gap-1 text-xs underline underline-offset-2">
                <PaperclipIcon className="size-3" /> {a.filename}
              </a>
            )}
          </li>
        );
      })}
      {urls.map((u) => (
        <li key={u}>
          <a href={u} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 text-xs underline underline-offset-2">
            <PaperclipIcon className="size-3" /> {decodeURIComponent(u.split("/").pop() || "attachment")}
          </a>
        </li>
      ))}
    </ul>
  );
}

function ThreadEntry({ item }: { item: ThreadItem }) {
  if (item.type === "message") {
    const out = item.direction === "outbound";
    return (
      <li className={cn("flex", out ? "justify-end" : "justify-start")} data-thread-item="message">
        <div className={cn("max-w-[80%] rounded-2xl px-3 py-2 text-sm", out ? "rounded-br-sm bg-primary text-primary-foreground" : "rounded-bl-sm bg-muted")}>
          <p className="whitespace-pre-wrap break-words">{item.body}</p>
          <Media messageId={item.id} urls={item.mediaUrls} attachments={item.attachments} />
          <p className={cn("mt-1 text-[11px]", out ? "text-primary-foreground/70" : "text-muted-foreground")}>
            {time(item.at)}
            {out && ` · ${item.status}`}
          </p>
        </div>
      </li>
    );
  }
  if (item.type === "note") {
    return (
      <li className="flex justify-end" data-thread-item="note">
        <div className="max-w-[80%] rounded-lg border border-yellow-300 bg-yellow-50 px-3 py-2 text-sm text-yellow-950 dark:border-yellow-800 dark:bg-yellow-950/60 dark:text-yellow-100">
          <p className="text-[11px] font-medium uppercase tracking-wide opacity-70">Internal note · {item.authorName ?? "someone"}</p>
          <p className="whitespace-pre-wrap break-words">{item.body}</p>
          <p className="mt-1 text-[11px] opacity-70">{time(item.at)}</p>
        </div>
      </li>
    );
  }
  if (item.type === "activity") {
    return (
      <li className="text-center text-xs text-muted-foreground" data-thread-item="activity">
        {activityText(item)} · {time(item.at)}
      </li>
    );
  }
  const d = item.data as { direction?: string; status?: string; from?: string; durationSeconds?: number | null; billsec?: number | null };
  const Icon = item.type === "call" ? PhoneIcon : VoicemailIcon;
  return (
    <li className="flex justify-center" data-thread-item={item.type}>
      <div className="inline-flex items-center gap-2 rounded-full border px-3 py-1 text-xs text-muted-foreground">
        <Icon className="size-3.5" />
        {item.type === "call" ? `Call ${String(d.direction ?? "").toLowerCase().replace(/_/g, " ")} · ${String(d.status ?? "").toLowerCase()}` : `Voicemail${d.durationSeconds ? ` · ${d.durationSeconds}s` : ""}`}
        <span>· {time(item.at)}</span>
      </div>
    </li>
  );
}

function Composer({ conversationId, ref }: { conversationId: string; ref?: Ref<ComposerHandle> }) {
  const trpc = useTRPC();
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [text, setText] = useState("");
  const [pick, setPick] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const canned = useQuery(trpc.inbox.cannedResponses.queryOptions());
  useImperativeHandle(ref, () => ({
    focus(next) {
      setMode(next);
      area.current?.focus();
    },
  }));
  const reply = useToastMutation(trpc.inbox.reply.mutationOptions({ onSuccess: () => setText("") }), { invalidate: [trpc.inbox.pathKey()] });
  const note = useToastMutation(trpc.inbox.addNote.mutationOptions({ onSuccess: () => setText("") }), { invalidate: [trpc.inbox.pathKey()] });
  const pending = reply.isPending || note.isPending;

  // "/code" at the start of the text box opens the canned responses whose short code starts with "code".
  const slash = /^\/(\S*)$/.exec(text);
  const matches: CannedResponse[] = useMemo(() => (slash ? (canned.data ?? []).filter((c) => c.shortCode.startsWith(slash[1]!.toLowerCase())).slice(0, 8) : []), [slash, canned.data]);
  const insert = (c: CannedResponse) => {
    setText(c.body);
    setPick(0);
    area.current?.focus();
  };
  const submit = () => {
    const body = text.trim();
    if (!body || pending) return;
    if (mode === "reply") reply.mutate({ conversationId, body });
    else note.mutate({ conversationId, body });
  };

  return (
    <form
      className={cn("relative border-t p-3", mode === "note" && "bg-yellow-50/60 dark:bg-yellow-950/30")}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div role="tablist" aria-label="Reply or note" className="mb-2 flex gap-1 text-sm">
        {(["reply", "note"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className={cn("rounded px-2 py-0.5 outline-none focus-visible:ring-2 focus-visible:ring-ring", mode === m ? "bg-muted font-medium" : "text-muted-foreground")}
          >
            {m === "reply" ? "Reply (r)" : "Internal note (n)"}
          </button>
        ))}
      </div>
      {matches.length > 0 && (
        <ul role="listbox" aria-label="Canned responses" className="absolute bottom-full left-3 z-10 mb-1 w-80 overflow-hidden rounded-md border bg-popover text-popover-foreground shadow-md">
          {matches.map((c, i) => (
            <li key={c.id} role="option" aria-selected={i === pick}>
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => insert(c)} className={cn("w-full px-3 py-2 text-left text-sm", i === pick && "bg-accent")}>
                <span className="font-mono text-xs">/{c.shortCode}</span>
                <span className="block truncate text-muted-foreground">{c.body}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Textarea
        ref={area}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setPick(0);
        }}
        onKeyDown={(e) => {
          if (matches.length > 0 && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
            e.preventDefault();
            setPick((p) => (p + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
          } else if (matches.length > 0 && (e.key === "Enter" || e.key === "Tab") && !e.ctrlKey && !e.metaKey) {
            e.preventDefault();
            insert(matches[pick] ?? matches[0]!);
          } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        placeholder={mode === "reply" ? 'Write a reply… ("/" for canned responses, Ctrl+Enter to send)' : "Write an internal note… (@name to mention a teammate)"}
        aria-label={mode === "reply" ? "Reply" : "Internal note"}
        rows={3}
      />
      <div className="mt-2 flex justify-end">
        <Button type="submit" disabled={!text.trim() || pending}>
          {mode === "reply" ? "Send" : "Add note"}
        </Button>
      </div>
    </form>
  );
}
