"use client";

// Callers who pressed 1 to be called back: the open ones in their place in line (pending, ringing an agent, calling
// the customer, talking), then the finished ones; each with its attempts and how the last went.
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { PhoneCallIcon } from "lucide-react";
import { useMemo } from "react";
import { DataTable } from "@/components/shared/data-table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { QueueCallback } from "@/components/portal/contact-centre/types";
import { useTRPC } from "@/trpc/react";

const STATUS_TEXT: Record<string, string> = {
  pending: "Waiting",
  offered: "Ringing an agent",
  dialing: "Calling the customer",
  connected: "Talking",
  completed: "Called back",
  failed: "Failed",
};

const OUTCOME_TEXT: Record<string, string> = { answered: "answered", "no-answer": "no answer", busy: "busy", failed: "failed", "agent-missed": "agent missed it" };

const time = (d: Date | string | null) => (d ? new Date(d).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "—");

export function QueueCallbacksList({ queueId }: { queueId?: string }) {
  const trpc = useTRPC();
  const callbacks = useQuery({ ...trpc.contactCentre.queueCallbacks.queryOptions(queueId ? { queueId } : undefined), refetchInterval: 5000 });
  const columns = useMemo<ColumnDef<QueueCallback>[]>(
    () => [
      ...(queueId ? [] : [{ accessorKey: "queueName", header: "Queue" } satisfies ColumnDef<QueueCallback>]),
      { accessorKey: "number", header: "Number", cell: ({ row }) => <span className="font-mono text-sm">{row.original.number}</span> },
      { id: "place", header: "In line since", cell: ({ row }) => time(row.original.enqueuedAt) },
      {
        id: "status",
        header: "Status",
        cell: ({ row }) => (
          <Badge variant={row.original.status === "failed" ? "destructive" : row.original.status === "completed" ? "secondary" : "default"} data-callback-status={row.original.status}>
            {STATUS_TEXT[row.original.status] ?? row.original.status}
          </Badge>
        ),
      },
      { id: "attempts", header: "Attempts", cell: ({ row }) => <span className="tabular-nums">{`${row.original.attempts} of ${row.original.maxAttempts}`}</span> },
      {
        id: "outcome",
        header: "Last outcome",
        cell: ({ row }) => {
          const last = row.original.lastOutcome;
          const next = row.original.nextAttemptAt;
          return `${last ? (OUTCOME_TEXT[last] ?? last) : "—"}${next && row.original.attempts > 0 ? ` · next try ${time(next)}` : ""}`;
        },
      },
      { id: "agent", header: "Agent", meta: { className: "hidden md:table-cell" }, cell: ({ row }) => row.original.agentName ?? row.original.attemptsMade.at(-1)?.agentName ?? "—" },
    ],
    [queueId],
  );
  if (callbacks.isPending) return <Skeleton className="h-24 w-full" />;
  if (callbacks.error) return <p role="alert" className="text-sm text-destructive">{callbacks.error.message}</p>;
  return (
    <section aria-label="Callbacks" className="flex flex-col gap-2">
      <h2 className="text-base font-semibold">Callbacks</h2>
      <DataTable
        data={callbacks.data}
        columns={columns}
        getRowId={(c) => c.id}
        empty={<EmptyState icon={PhoneCallIcon} title="No callbacks" description="Callers of a queue that offers callbacks can press 1 to hang up and keep their place; they appear here." />}
      />
    </section>
  );
}
