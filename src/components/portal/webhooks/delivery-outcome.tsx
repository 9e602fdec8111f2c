import { Badge } from "@/components/ui/badge";

const STATUS_BADGE = {
  SUCCEEDED: { variant: "success", label: "Succeeded" },
  RETRYING: { variant: "warning", label: "Retrying" },
  PENDING: { variant: "info", label: "Pending" },
  FAILED: { variant: "destructive", label: "Failed" },
} as const;

export type DeliveryStatus = keyof typeof STATUS_BADGE;

/** A webhook delivery's status, as the endpoint's deliveries table and a call's deliveries show it. */
export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const badge = STATUS_BADGE[status];
  return <Badge variant={badge.variant}>{badge.label}</Badge>;
}

/** The receiver's last HTTP status, with the error under it when the attempt failed. */
export function DeliveryLastResponse({ statusCode, error }: { statusCode: number | null; error: string | null }) {
  return (
    <span className="flex flex-col gap-0.5">
      <span className="font-mono text-xs">{statusCode ?? "—"}</span>
      {error && (
        <span className="max-w-48 truncate text-xs text-muted-foreground sm:max-w-xs" title={error}>
          {error}
        </span>
      )}
    </span>
  );
}
