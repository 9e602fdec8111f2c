"use client";

// How a broadcast and a recipient's status read in the console: a label and a badge colour, and the progress bar.
import type { inferRouterOutputs } from "@trpc/server";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["admin"]["broadcasts"];
export type BroadcastCounts = Outputs["get"]["counts"];
export type BroadcastStatus = Outputs["get"]["status"];
export type RecipientStatus = Outputs["recipients"]["rows"][number]["status"];

const BROADCAST: Record<BroadcastStatus, { label: string; variant: BadgeProps["variant"] }> = {
  DRAFT: { label: "Draft", variant: "outline" },
  SENDING: { label: "Sending", variant: "info" },
  SENT: { label: "Sent", variant: "success" },
  CANCELLED: { label: "Cancelled", variant: "secondary" },
};

export const RECIPIENT: Record<RecipientStatus, { label: string; variant: BadgeProps["variant"]; hint: string }> = {
  QUEUED: { label: "Queued", variant: "outline", hint: "waiting for its turn" },
  SENDING: { label: "Sending", variant: "info", hint: "in a request to Resend" },
  SENT: { label: "Sent", variant: "secondary", hint: "Resend took it" },
  DELAYED: { label: "Delayed", variant: "warning", hint: "the receiving server has not taken it yet" },
  DELIVERED: { label: "Delivered", variant: "success", hint: "the receiving server took it" },
  BOUNCED: { label: "Bounced", variant: "destructive", hint: "the receiving server refused it" },
  COMPLAINED: { label: "Complained", variant: "destructive", hint: "marked as spam" },
  FAILED: { label: "Failed", variant: "destructive", hint: "not sent" },
  CANCELLED: { label: "Cancelled", variant: "secondary", hint: "the broadcast was cancelled first" },
};

export function BroadcastStatusBadge({ status }: { status: BroadcastStatus }) {
  const { label, variant } = BROADCAST[status];
  return <Badge variant={variant}>{label}</Badge>;
}

export function RecipientStatusBadge({ status }: { status: RecipientStatus }) {
  const { label, variant, hint } = RECIPIENT[status];
  return (
    <Badge variant={variant} title={hint}>
      {label}
    </Badge>
  );
}

/** Recipients taken by Resend, and failed, out of all: a bar with its numbers beside it. */
export function BroadcastProgress({ counts, className }: { counts: BroadcastCounts; className?: string }) {
  const total = Math.max(counts.total, 1);
  const failed = counts.failed + counts.bounced + counts.complained;
  const ok = counts.accepted - counts.bounced - counts.complained;
  return (
    <div className={cn("flex min-w-40 items-center gap-3", className)}>
      <div
        role="progressbar"
        aria-label="Sent"
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={counts.accepted}
        aria-valuetext={`${counts.accepted} of ${counts.total} sent${failed > 0 ? `, ${failed} failed` : ""}`}
        className="flex h-2 flex-1 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full bg-success transition-[width]" style={{ width: `${(ok / total) * 100}%` }} />
        <div className="h-full bg-destructive transition-[width]" style={{ width: `${(failed / total) * 100}%` }} />
      </div>
      <span className="shrink-0 text-xs tabular-nums text-muted-foreground">
        {counts.accepted}/{counts.total}
      </span>
    </div>
  );
}
