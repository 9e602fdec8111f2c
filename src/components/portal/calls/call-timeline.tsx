import { CALL_STATUS_LABEL, CallStatusBadge } from "@/components/portal/calls/call-status";
import type { CallEventRow } from "@/components/portal/calls/types";

const EVENT_LABEL: Record<string, string> = {
  queued: "Queued",
  initiated: "Placed on the switch",
  ringing: "Ringing",
  answered: "Answered",
  completed: "Ended",
  end_requested: "End requested",
  dtmf: "Digit pressed",
  machine_detected: "Answering machine detected",
  rejected: "Refused",
  "handler.failed": "Application error",
  "playback.failed": "Playback failed",
  "debugger.error": "Application error",
  "redirect.requested": "Redirected",
};

/** Events that report something going wrong: drawn in the destructive colour, their message in full. */
const FAILURES = new Set(["rejected", "handler.failed", "playback.failed", "debugger.error"]);

const time = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3, hour12: false });

/** "+1.25 s" after the first event. */
function offset(ms: number): string {
  return ms < 60_000 ? `+${(ms / 1000).toFixed(2)} s` : `+${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function detail(e: CallEventRow): string | null {
  const d = e.data;
  const parts: string[] = [];
  if (typeof d.hangupCause === "string") parts.push(d.hangupCause);
  if (typeof d.sipStatus === "number") parts.push(`SIP ${d.sipStatus}`);
  if (typeof d.digits === "string") parts.push(d.digits);
  if (typeof d.digit === "string") parts.push(d.digit);
  if (typeof d.code === "number") parts.push(`error ${d.code}`);
  if (typeof d.httpStatus === "number") parts.push(`HTTP ${d.httpStatus}`);
  if (typeof d.source === "string") parts.push(d.source);
  if (typeof d.endStatus === "string") parts.push(`→ ${d.endStatus.toLowerCase()}`);
  if (typeof d.switchId === "string") parts.push(`on ${d.switchId}`);
  return parts.length ? parts.join(" · ") : null;
}

export function CallTimeline({ events }: { events: CallEventRow[] }) {
  const first = events[0]?.occurredAt.getTime() ?? 0;
  return (
    <ol className="relative flex flex-col gap-4 border-l pl-5">
      {events.map((e) => {
        const extra = detail(e);
        const label = EVENT_LABEL[e.type] ?? e.type;
        const failure = FAILURES.has(e.type) || typeof e.data.rejected === "string";
        const message = typeof e.data.message === "string" ? e.data.message : typeof e.data.reason === "string" ? e.data.reason : null;
        return (
          <li key={e.id} className="relative">
            <span
              aria-hidden="true"
              className={`absolute top-1.5 -left-[25px] size-2.5 rounded-full border-2 border-background ring-1 ring-border ${failure ? "bg-destructive" : "bg-primary"}`}
            />
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className={`text-sm font-medium ${failure ? "text-destructive" : ""}`}>{label}</span>
              {e.status && CALL_STATUS_LABEL[e.status] !== label && <CallStatusBadge status={e.status} />}
            </div>
            <div className="flex flex-wrap gap-x-3 text-xs text-muted-foreground tabular-nums">
              <time dateTime={e.occurredAt.toISOString()}>{time.format(e.occurredAt)}</time>
              {e.sequence > 1 && <span>{offset(e.occurredAt.getTime() - first)}</span>}
              {extra && <span className="font-mono">{extra}</span>}
            </div>
            {failure && message && <p className="mt-1 text-sm break-words text-muted-foreground">{message}</p>}
          </li>
        );
      })}
    </ol>
  );
}
