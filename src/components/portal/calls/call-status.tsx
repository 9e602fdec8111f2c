import { Badge, type BadgeProps } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { CallDirection, CallStatus } from "@/components/portal/calls/types";

export const CALL_STATUS_LABEL: Record<CallStatus, string> = {
  QUEUED: "Queued",
  INITIATED: "Initiated",
  RINGING: "Ringing",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
  BUSY: "Busy",
  FAILED: "Failed",
  NO_ANSWER: "No answer",
  CANCELED: "Canceled",
};

const VARIANT: Record<CallStatus, NonNullable<BadgeProps["variant"]>> = {
  QUEUED: "secondary",
  INITIATED: "info",
  RINGING: "info",
  IN_PROGRESS: "default",
  COMPLETED: "success",
  BUSY: "warning",
  FAILED: "destructive",
  NO_ANSWER: "warning",
  CANCELED: "outline",
};

const LIVE: readonly CallStatus[] = ["INITIATED", "RINGING", "IN_PROGRESS"];

export function isLiveCall(status: CallStatus): boolean {
  return LIVE.includes(status);
}

export function isFinalCall(status: CallStatus): boolean {
  return status !== "QUEUED" && !isLiveCall(status);
}

/** The status in words and colour; calls on the switch right now carry a pulsing dot. */
export function CallStatusBadge({ status, className }: { status: CallStatus; className?: string }) {
  const live = isLiveCall(status);
  return (
    <Badge variant={VARIANT[status]} className={cn("gap-1.5", className)} data-status={status}>
      {live && (
        <span aria-hidden="true" className="relative flex size-1.5">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-current opacity-60 motion-reduce:hidden" />
          <span className="relative inline-flex size-1.5 rounded-full bg-current" />
        </span>
      )}
      {CALL_STATUS_LABEL[status]}
    </Badge>
  );
}

export const CALL_DIRECTION_LABEL: Record<CallDirection, string> = {
  INBOUND: "Inbound",
  OUTBOUND_API: "Outbound",
  OUTBOUND_DIAL: "Outbound (dial)",
};

/** "1:05", "1:02:03"; a dash when there is no duration yet. */
export function formatCallDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
