"use client";

// "Try it": a simulated call through the flow. The server runs the real interpreter and answers with what the caller
// would hear (as text), the steps passed and whether it waits for a key; the keypad (buttons or the keyboard's digits)
// answers, the timeout comes from the button or the real timer. Nothing is dialled, nothing is billed.
import { useMutation } from "@tanstack/react-query";
import { MessageSquareIcon, PhoneOffIcon, PlayIcon, RotateCcwIcon, TimerIcon } from "lucide-react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import type { TrialEvent, TrialView } from "@/components/portal/flows/types";
import { useTRPC } from "@/trpc/react";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"] as const;

interface Props {
  flowId: string;
  /** Saves the draft first when it has changes, so the call runs what is on screen. */
  beforeStart: () => Promise<void>;
  onTrial: (view: TrialView | null, passed: string[]) => void;
  nodeName: (id: string) => string;
}

function EventLine({ event, nodeName }: { event: TrialEvent; nodeName: (id: string) => string }) {
  switch (event.kind) {
    case "step":
      return <li className="text-xs text-muted-foreground">→ {nodeName(event.nodeId)}</li>;
    case "say":
      return (
        <li className="flex gap-2">
          <MessageSquareIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
          <span>“{event.text}”</span>
        </li>
      );
    case "play":
      return <li className="break-all">▶ plays {event.url}</li>;
    case "simulated":
      return <li className="text-sm text-sky-700 dark:text-sky-400">{event.text}</li>;
    case "error":
      return (
        <li className="text-sm text-destructive">
          Error {event.code}: {event.message}
        </li>
      );
    case "ended":
      return <li className="text-sm font-medium">Call ended: {event.text}</li>;
  }
}

export function FlowTrialPanel({ flowId, beforeStart, onTrial, nodeName }: Props) {
  const trpc = useTRPC();
  const [view, setView] = useState<TrialView | null>(null);
  const [events, setEvents] = useState<TrialEvent[]>([]);
  const [passed, setPassed] = useState<string[]>([]);
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [speech, setSpeech] = useState("");
  const logRef = useRef<HTMLOListElement>(null);
  const start = useMutation(trpc.flows.startTrial.mutationOptions());
  const advance = useMutation(trpc.flows.advanceTrial.mutationOptions());
  const busy = start.isPending || advance.isPending;

  function show(next: TrialView, reset: boolean) {
    const steps = next.events.flatMap((e) => (e.kind === "step" ? [e.nodeId] : []));
    const allPassed = reset ? steps : [...passed, ...steps];
    setView(next);
    setEvents((prev) => (reset ? next.events : [...prev, ...next.events]));
    setPassed(allPassed);
    setDeadline(next.waiting ? Date.now() + next.waiting.timeoutSeconds * 1000 : null);
    onTrial(next, allPassed);
  }

  async function begin() {
    await beforeStart();
    show(await start.mutateAsync({ flowId, source: "draft" }), true);
  }

  async function send(input: Parameters<typeof advance.mutateAsync>[0]["input"]) {
    if (!view || view.ended || busy) return;
    if (input.kind === "digits") setEvents((prev) => [...prev, { kind: "simulated", text: `You pressed ${input.digits}` }]);
    if (input.kind === "speech") setEvents((prev) => [...prev, { kind: "simulated", text: `You said “${input.transcript}”` }]);
    if (input.kind === "timeout") setEvents((prev) => [...prev, { kind: "simulated", text: "No input before the timeout" }]);
    show(await advance.mutateAsync({ flowId, token: view.token, input }), false);
  }

  // The real timer: the call's timeout passes on its own when nobody presses a key.
  useEffect(() => {
    if (deadline === null) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [deadline]);
  const remaining = deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000));
  useEffect(() => {
    if (remaining === 0 && view?.waiting && !busy) void send({ kind: "timeout" });
    // send is stable enough for this: it reads the current view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [remaining]);

  useEffect(() => {
    logRef.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [events]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.target instanceof HTMLInputElement) return;
    if ((KEYS as readonly string[]).includes(e.key)) {
      e.preventDefault();
      void send({ kind: "digits", digits: e.key });
    }
  }

  const waiting = !!view?.waiting && !view.ended;
  return (
    <div className="flex flex-col gap-3" onKeyDown={onKeyDown} aria-label="Simulated call">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold">Try it</h2>
        <Badge variant="outline" className="border-sky-500/50 text-sky-700 dark:text-sky-400">
          Simulated call · nothing is dialled
        </Badge>
      </div>
      {!view ? (
        <p className="text-sm text-muted-foreground">Place a simulated call through the saved draft: you hear the prompts as text, answer with the keypad (or your keyboard's digits), and each step lights up as the call passes it.</p>
      ) : (
        <ol ref={logRef} className="flex max-h-64 flex-col gap-1.5 overflow-y-auto rounded-md border bg-muted/30 p-2 text-sm" aria-live="polite" aria-label="What the caller hears">
          {events.map((e, i) => (
            <EventLine key={i} event={e} nodeName={nodeName} />
          ))}
        </ol>
      )}
      <div className="grid grid-cols-3 gap-2" role="group" aria-label="Keypad">
        {KEYS.map((k) => (
          <Button key={k} type="button" variant="outline" className="h-11 text-lg tabular-nums" disabled={!waiting || busy} onClick={() => void send({ kind: "digits", digits: k })} aria-label={`Key ${k}`}>
            {k}
          </Button>
        ))}
      </div>
      {view?.waiting?.speech && waiting && (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (speech.trim()) void send({ kind: "speech", transcript: speech.trim() });
            setSpeech("");
          }}
        >
          <Input value={speech} onChange={(e) => setSpeech(e.target.value)} placeholder="Or say something…" aria-label="Say (speech input)" />
          <Button type="submit" variant="secondary" disabled={busy}>
            Say
          </Button>
        </form>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {!view || view.ended ? (
          <Button type="button" onClick={() => void begin()} disabled={busy}>
            {view ? <RotateCcwIcon /> : <PlayIcon />} {view ? "Call again" : "Start simulated call"}
          </Button>
        ) : (
          <>
            <Button type="button" variant="secondary" disabled={!waiting || busy} onClick={() => void send({ kind: "timeout" })}>
              <TimerIcon /> Time out now{remaining !== null ? ` (${remaining} s)` : ""}
            </Button>
            <Button type="button" variant="outline" className="text-destructive hover:text-destructive" disabled={busy} onClick={() => void send({ kind: "hangup" })}>
              <PhoneOffIcon /> Hang up
            </Button>
          </>
        )}
        <span className={cn("text-xs text-muted-foreground", !waiting && "invisible")}>Waiting for a key…</span>
      </div>
      {(start.error || advance.error) && <p className="text-sm text-destructive">{(start.error ?? advance.error)!.message}</p>}
    </div>
  );
}
