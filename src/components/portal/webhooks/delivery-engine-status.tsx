"use client";

import { useQuery } from "@tanstack/react-query";
import { ClockAlertIcon, CpuIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { describeAge } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

/** Deliveries due longer than this are a backlog worth a warning (the first retry is a minute after a failure). */
const LATE_SECONDS = 120;

/** Who delivers this workspace's webhooks, and a warning when deliveries wait longer than they should. */
export function DeliveryEngineStatus() {
  const trpc = useTRPC();
  const status = useQuery(trpc.webhooks.engineStatus.queryOptions(undefined, { refetchInterval: 15_000 }));
  if (!status.data) return null;
  const { engine, dueDeliveries, oldestDueSeconds } = status.data;
  const late = oldestDueSeconds !== null && oldestDueSeconds > LATE_SECONDS;
  return (
    <div className="flex flex-col gap-3">
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <CpuIcon className="size-4 shrink-0" aria-hidden="true" />
        {engine === "embedded" ? "Deliveries are run by this IRISX server itself (no Inngest configured); failed ones are retried on schedule." : "Deliveries are run by Inngest; failed ones are retried on schedule."}
      </p>
      {late && (
        <Alert variant="warning" role="status">
          <ClockAlertIcon />
          <AlertTitle>Deliveries are behind</AlertTitle>
          <AlertDescription>
            {dueDeliveries} {dueDeliveries === 1 ? "delivery is" : "deliveries are"} waiting; the oldest has been due for {describeAge(oldestDueSeconds)}. Nothing is lost: they go out as
            soon as the {engine === "embedded" ? "server" : "Inngest"} catches up.
          </AlertDescription>
        </Alert>
      )}
    </div>
  );
}
