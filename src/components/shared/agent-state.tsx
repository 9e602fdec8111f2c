"use client";

// How an agent's state reads everywhere (grid, wallboard, desktop): a label, a colour, the time in it ticking.
import { useEffect, useState } from "react";
import { cn } from "@/lib/utils";
export type AgentStateName = "available" | "ringing" | "on-call" | "wrap-up" | "away" | "offline";

export const AGENT_STATE_LABEL: Record<AgentStateName, string> = {
  available: "Available",
  ringing: "Ringing",
  "on-call": "On a call",
  "wrap-up": "Wrap-up",
  away: "Away",
  offline: "Offline",
};

/** Dot and chip colours; light and dark. */
export const AGENT_STATE_COLOUR: Record<AgentStateName, { dot: string; chip: string }> = {
  available: { dot: "bg-emerald-500", chip: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  ringing: { dot: "bg-sky-500 animate-pulse", chip: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200" },
  "on-call": { dot: "bg-blue-600", chip: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200" },
  "wrap-up": { dot: "bg-violet-500", chip: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200" },
  away: { dot: "bg-amber-500", chip: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  offline: { dot: "bg-zinc-400", chip: "bg-muted text-muted-foreground" },
};

export function AgentStateChip({ state, reason, className }: { state: AgentStateName; reason?: string | null; className?: string }) {
  const colour = AGENT_STATE_COLOUR[state];
  return (
    <span data-agent-state={state} className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", colour.chip, className)}>
      <span aria-hidden className={cn("size-2 rounded-full", colour.dot)} />
      {AGENT_STATE_LABEL[state]}
      {reason ? <span className="font-normal opacity-80">· {reason}</span> : null}
    </span>
  );
}

/** mm:ss under an hour, h:mm:ss above. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** A clock that re-renders its users every second. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function TimeSince({ since, className }: { since: Date | number; className?: string }) {
  const now = useNow();
  const start = typeof since === "number" ? since : since.getTime();
  return <span className={cn("tabular-nums", className)}>{formatDuration((now - start) / 1000)}</span>;
}

export function LiveBadge({ live }: { live: "connecting" | "live" | "offline" }) {
  const label = live === "live" ? "Live" : live === "offline" ? "Offline: reconnecting" : "Connecting";
  return (
    <span role="status" className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
      <span aria-hidden className={cn("size-2 rounded-full", live === "live" ? "bg-emerald-500" : live === "offline" ? "bg-red-500" : "bg-zinc-400")} />
      {label}
    </span>
  );
}
