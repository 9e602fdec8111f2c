import { cn } from "@/lib/utils";
import type { LiveState } from "@/components/portal/calls/use-live-calls";

const TEXT: Record<LiveState, string> = { live: "Live", connecting: "Connecting…", offline: "Live updates paused" };

/** Whether status changes are arriving; a polite live region so screen readers hear when updates stop. */
export function LiveIndicator({ state }: { state: LiveState }) {
  return (
    <span role="status" aria-live="polite" className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
      <span aria-hidden="true" className={cn("size-2 rounded-full", state === "live" ? "bg-success" : state === "connecting" ? "bg-warning" : "bg-destructive")} />
      {TEXT[state]}
    </span>
  );
}
