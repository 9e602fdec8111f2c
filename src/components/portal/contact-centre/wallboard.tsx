"use client";

// The wallboard: one tile per queue in large type for a TV, dark by default, live (agents.onChange re-reads on every
// agent change) and polled every 5 s for the waiting callers and today's numbers. Tiles turn amber or red by
// thresholds (wallboard-thresholds.ts), each queue's editable here.
import { useQuery } from "@tanstack/react-query";
import { MaximizeIcon, MoonIcon, SettingsIcon, SunIcon } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { formatDuration, LiveBadge, useNow } from "@/components/shared/agent-state";
import type { QueueMetrics } from "@/components/portal/contact-centre/types";
import { useLiveAgents } from "@/components/portal/contact-centre/use-live-agents";
import { useLocalMidnight } from "@/components/portal/contact-centre/use-today";
import { defaultThresholds, levelOf, loadThresholds, saveThresholds, type Level, type Thresholds } from "@/components/portal/contact-centre/wallboard-thresholds";
import { useTRPC } from "@/trpc/react";

const LEVEL_TILE: Record<Level, string> = {
  ok: "border-border",
  amber: "border-amber-400 bg-amber-50 dark:bg-amber-950/60",
  red: "border-red-500 bg-red-50 dark:bg-red-950/60",
};
const LEVEL_TEXT: Record<Level, string> = { ok: "", amber: "text-amber-700 dark:text-amber-300", red: "text-red-700 dark:text-red-300" };

function Figure({ label, value, level = "ok", big }: { label: string; value: string | number; level?: Level; big?: boolean }) {
  return (
    <div className="min-w-0">
      <div className="truncate text-sm uppercase tracking-wide text-muted-foreground lg:text-base">{label}</div>
      <div className={cn("font-semibold tabular-nums leading-none", big ? "text-6xl lg:text-7xl" : "text-3xl lg:text-4xl", LEVEL_TEXT[level])}>{value}</div>
    </div>
  );
}

function QueueTile({ m, thresholds, onEdit }: { m: QueueMetrics; thresholds: Thresholds; onEdit: () => void }) {
  const level = levelOf(thresholds, { longestWaitSeconds: m.live.longestWaitSeconds, serviceLevelPercent: m.window.serviceLevelPercent, abandonRatePercent: m.window.abandonRatePercent });
  const a = m.live.agents;
  return (
    <section aria-label={`Queue ${m.friendlyName}`} data-level={level.tile} className={cn("flex flex-col gap-5 rounded-2xl border-4 bg-card p-5 lg:p-6", LEVEL_TILE[level.tile])}>
      <header className="flex items-center justify-between gap-2">
        <h2 className="truncate text-3xl font-bold lg:text-4xl">{m.friendlyName}</h2>
        <Button variant="ghost" size="icon" aria-label={`Thresholds of ${m.friendlyName}`} onClick={onEdit}>
          <SettingsIcon />
        </Button>
      </header>
      <div className="grid grid-cols-2 gap-5">
        <Figure big label="Waiting" value={m.live.waiting} level={m.live.waiting > 0 ? level.wait : "ok"} />
        <Figure big label="Longest wait" value={formatDuration(m.live.longestWaitSeconds)} level={level.wait} />
        <Figure label="Service level" value={m.window.serviceLevelPercent === null ? "—" : `${m.window.serviceLevelPercent}%`} level={level.sl} />
        <Figure label="Abandoned" value={m.window.abandonRatePercent === null ? "—" : `${m.window.abandonRatePercent}%`} level={level.abandon} />
      </div>
      <div className="grid grid-cols-4 gap-2 border-t pt-4 text-center">
        <Figure label="Avail." value={a.available} />
        <Figure label="On call" value={a["on-call"] + a.ringing} />
        <Figure label="Wrap" value={a["wrap-up"]} />
        <Figure label="Away" value={a.away} />
      </div>
      <footer className="text-sm text-muted-foreground">
        Today: {m.window.offered} offered · {m.window.answered} answered · SL target {m.serviceLevelSeconds} s
      </footer>
    </section>
  );
}

function ThresholdsDialog({ m, value, onSave, onClose }: { m: QueueMetrics; value: Thresholds; onSave: (t: Partial<Thresholds> | null) => void; onClose: () => void }) {
  const [draft, setDraft] = useState<Record<keyof Thresholds, string>>(() => Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) as Record<keyof Thresholds, string>);
  const [error, setError] = useState<string | null>(null);
  const fields: [keyof Thresholds, string][] = [
    ["waitAmberSeconds", "Longest wait amber over (s)"],
    ["waitRedSeconds", "Longest wait red over (s)"],
    ["serviceLevelAmber", "Service level amber under (%)"],
    ["serviceLevelRed", "Service level red under (%)"],
    ["abandonAmber", "Abandon rate amber over (%)"],
    ["abandonRed", "Abandon rate red over (%)"],
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = Object.fromEntries(fields.map(([k]) => [k, Number(draft[k])])) as unknown as Thresholds;
    const bad = fields.find(([k]) => !Number.isFinite(parsed[k]) || parsed[k] < 0 || draft[k].trim() === "");
    if (bad) return setError(`${bad[1]}: enter a number, 0 or more`);
    onSave(parsed);
  }
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-3" noValidate>
          <DialogHeader>
            <DialogTitle>Thresholds: {m.friendlyName}</DialogTitle>
            <DialogDescription>Kept in this browser.</DialogDescription>
          </DialogHeader>
          <div className="grid grid-cols-2 gap-3">
            {fields.map(([k, label]) => (
              <FormField key={k} label={label} htmlFor={`t-${k}`}>
                <Input inputMode="numeric" value={draft[k]} onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))} />
              </FormField>
            ))}
          </div>
          {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onSave(null)}>
              Use defaults
            </Button>
            <Button type="submit">Save</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function Wallboard() {
  const trpc = useTRPC();
  const live = useLiveAgents();
  const from = useLocalMidnight();
  const now = useNow(1000);
  const [dark, setDark] = useState(true);
  const [overrides, setOverrides] = useState<Record<string, Partial<Thresholds>>>({});
  const [editing, setEditing] = useState<QueueMetrics | null>(null);
  useEffect(() => setOverrides(loadThresholds()), []);
  const metrics = useQuery({ ...trpc.contactCentre.queueMetrics.queryOptions({ from }), refetchInterval: 5000, refetchIntervalInBackground: true });
  const thresholdsOf = (m: QueueMetrics): Thresholds => ({ ...defaultThresholds(m.serviceLevelSeconds), ...overrides[m.queueId] });

  return (
    <div className={cn(dark && "dark")}>
      <main className="min-h-screen bg-background p-4 text-foreground lg:p-8">
        <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-3xl font-bold lg:text-5xl">Wallboard</h1>
          <div className="flex items-center gap-3">
            <LiveBadge live={live} />
            <span className="text-2xl tabular-nums lg:text-3xl" suppressHydrationWarning>
              {new Date(now).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
            </span>
            <Button variant="outline" size="icon" aria-label={dark ? "Light" : "Dark"} onClick={() => setDark((d) => !d)}>
              {dark ? <SunIcon /> : <MoonIcon />}
            </Button>
            <Button variant="outline" size="icon" aria-label="Full screen" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
              <MaximizeIcon />
            </Button>
          </div>
        </header>
        {metrics.error && <p role="alert" className="mb-4 text-xl text-red-500">{metrics.error.message}</p>}
        {metrics.data?.length === 0 && <p className="text-2xl text-muted-foreground">No queues yet. Create one under Queues in the portal.</p>}
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3 lg:gap-6">
          {metrics.data?.map((m) => <QueueTile key={m.queueId} m={m} thresholds={thresholdsOf(m)} onEdit={() => setEditing(m)} />)}
        </div>
      </main>
      {editing && (
        <ThresholdsDialog
          m={editing}
          value={thresholdsOf(editing)}
          onClose={() => setEditing(null)}
          onSave={(t) => {
            const next = { ...overrides };
            if (t) next[editing.queueId] = t;
            else delete next[editing.queueId];
            setOverrides(next);
            saveThresholds(next);
            setEditing(null);
          }}
        />
      )}
    </div>
  );
}
