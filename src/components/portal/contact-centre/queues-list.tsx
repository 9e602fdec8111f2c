"use client";

// The tenant's queues with their routing settings and today's numbers; a new queue by name; the callbacks waiting.
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { ListOrderedIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { DataTable } from "@/components/shared/data-table";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDuration } from "@/components/shared/agent-state";
import { fieldErrorsOf, type FieldErrors } from "@/components/portal/contact-centre/field-errors";
import { QueueCallbacksList } from "@/components/portal/contact-centre/queue-callbacks-list";
import type { QueueMetrics, QueueView } from "@/components/portal/contact-centre/types";
import { useLocalMidnight } from "@/components/portal/contact-centre/use-today";
import { useTRPC } from "@/trpc/react";

function NewQueueDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useToastMutation(trpc.contactCentre.createQueue.mutationOptions(), {
    success: (q) => `Queue ${q.friendlyName} created`,
    invalidate: [trpc.contactCentre.queues.queryKey()],
    error: false,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    create.mutate({ friendlyName: name }, { onSuccess: (q) => router.push(`/queues/${q.id}`), onError: (err) => setErrors({ friendlyName: fieldErrorsOf(err).friendlyName ?? err.message }) });
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> New queue
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>New queue</DialogTitle>
            <DialogDescription>Voice documents put callers in it with &lt;Enqueue&gt;{name ? `${name}` : "name"}&lt;/Enqueue&gt;.</DialogDescription>
          </DialogHeader>
          <FormField label="Name" required error={errors.friendlyName} htmlFor="new-queue-name">
            <Input name="friendlyName" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <DialogFooter>
            <Button type="submit" disabled={create.isPending}>
              Create queue
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function QueuesList() {
  const trpc = useTRPC();
  const from = useLocalMidnight();
  const queues = useQuery(trpc.contactCentre.queues.queryOptions());
  const metrics = useQuery({ ...trpc.contactCentre.queueMetrics.queryOptions({ from }), refetchInterval: 5000 });
  const byQueue = useMemo(() => new Map((metrics.data ?? []).map((m) => [m.queueId, m])), [metrics.data]);
  const columns = useMemo<ColumnDef<QueueView & { m?: QueueMetrics }>[]>(
    () => [
      { accessorKey: "friendlyName", header: "Queue", cell: ({ row }) => <Link className="font-medium underline-offset-4 hover:underline" href={`/queues/${row.original.id}`}>{row.original.friendlyName}</Link> },
      { accessorKey: "strategy", header: "Strategy", meta: { className: "hidden sm:table-cell" } },
      { id: "waiting", header: "Waiting", cell: ({ row }) => <span className="tabular-nums">{row.original.m?.live.waiting ?? row.original.waiting}{row.original.m && row.original.m.live.waiting > 0 ? ` (${formatDuration(row.original.m.live.longestWaitSeconds)})` : ""}</span> },
      { id: "sl", header: "Service level today", meta: { className: "hidden md:table-cell" }, cell: ({ row }) => (row.original.m?.window.serviceLevelPercent == null ? "—" : `${row.original.m.window.serviceLevelPercent}% in ${row.original.serviceLevelSeconds} s`) },
      { id: "callbacks", header: "Callbacks", meta: { className: "hidden sm:table-cell" }, cell: ({ row }) => (row.original.callbackOffer ? <span className="tabular-nums">{row.original.callbacksOpen}</span> : "off") },
      { id: "agents", header: "Agents", cell: ({ row }) => row.original.agentIds.length },
      { id: "skills", header: "Skills", meta: { className: "hidden lg:table-cell" }, cell: ({ row }) => row.original.skills.map((s) => `${s.name} ≥${s.minLevel}`).join(", ") || "—" },
    ],
    [],
  );
  const data = useMemo(() => (queues.data ?? []).map((q) => ({ ...q, m: byQueue.get(q.id) })), [queues.data, byQueue]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Queues" description="Where callers wait for agents, and how they are routed." actions={<NewQueueDialog />} />
      {queues.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : queues.error ? (
        <p role="alert" className="text-sm text-destructive">{queues.error.message}</p>
      ) : (
        <DataTable data={data} columns={columns} getRowId={(q) => q.id} empty={<EmptyState icon={ListOrderedIcon} title="No queues yet" description="Create a queue, choose its agents and skills, then send callers to it with <Enqueue> in a voice document or an IVR flow." />} />
      )}
      {queues.data?.some((q) => q.callbackOffer) && <QueueCallbacksList />}
    </div>
  );
}
