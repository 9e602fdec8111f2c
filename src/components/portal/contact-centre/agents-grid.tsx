"use client";

// The supervisor's agent grid: every agent's state (live through agents.onChange), time in it, call, queue, skills,
// softphone registration; force available / away / log out with a confirm.
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { HeadsetIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/shared/data-table";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { AgentStateChip, LiveBadge, TimeSince } from "@/components/shared/agent-state";
import { EditAgentDialog } from "@/components/portal/contact-centre/edit-agent-dialog";
import { ForceStateDialog } from "@/components/portal/contact-centre/force-state-dialog";
import type { AgentView } from "@/components/portal/contact-centre/types";
import { useLiveAgents } from "@/components/portal/contact-centre/use-live-agents";
import { useTRPC } from "@/trpc/react";

type Force = { agent: AgentView; target: "available" | "away" | "offline" };

export function AgentsGrid() {
  const trpc = useTRPC();
  const live = useLiveAgents();
  const agents = useQuery(trpc.agents.list.queryOptions());
  const queues = useQuery(trpc.contactCentre.queues.queryOptions());
  const reasons = useQuery(trpc.contactCentre.list.queryOptions({ kind: "awayReason" }));
  const [force, setForce] = useState<Force | null>(null);
  const [editing, setEditing] = useState<AgentView | null>(null);

  const queueName = useMemo(() => new Map((queues.data ?? []).map((q) => [q.id, q.friendlyName])), [queues.data]);
  const reasonName = useMemo(() => new Map((reasons.data ?? []).map((r) => [r.id, r.name])), [reasons.data]);

  const columns = useMemo<ColumnDef<AgentView>[]>(
    () => [
      {
        accessorKey: "name",
        header: "Agent",
        cell: ({ row }) => (
          <div className="max-w-36 min-w-0 sm:max-w-64">
            <div className="truncate font-medium">{row.original.name}</div>
            <div className="hidden truncate text-xs text-muted-foreground sm:block">{row.original.email}</div>
          </div>
        ),
      },
      {
        accessorKey: "state",
        header: "State",
        cell: ({ row }) => (
          <div className="flex flex-col items-start gap-1">
            <AgentStateChip state={row.original.state} reason={row.original.awayReasonId ? reasonName.get(row.original.awayReasonId) : null} />
            <TimeSince since={row.original.stateSince} className="text-xs text-muted-foreground" />
          </div>
        ),
      },
      { id: "call", header: "Call", meta: { className: "hidden md:table-cell" }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.currentCallId ?? "—"}</span> },
      {
        id: "queue",
        header: "Queue",
        meta: { className: "hidden md:table-cell" },
        cell: ({ row }) => (row.original.currentQueueId ? queueName.get(row.original.currentQueueId) ?? "—" : <span className="text-muted-foreground">{row.original.queueIds.length} queue(s)</span>),
      },
      {
        id: "skills",
        header: "Skills",
        meta: { className: "hidden lg:table-cell" },
        cell: ({ row }) => (row.original.skills.length === 0 ? <span className="text-muted-foreground">—</span> : row.original.skills.map((s) => `${s.name} ${s.level}`).join(", ")),
      },
      { id: "registered", header: "Phone", meta: { className: "hidden sm:table-cell" }, cell: ({ row }) => (row.original.registered ? "Registered" : <span className="text-muted-foreground">Not registered</span>) },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) => (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="outline" size="sm" aria-label={`Manage ${row.original.name}`}>
                Manage…
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem disabled={row.original.state === "available"} onSelect={() => setForce({ agent: row.original, target: "available" })}>
                Make available
              </DropdownMenuItem>
              <DropdownMenuItem disabled={row.original.state === "away"} onSelect={() => setForce({ agent: row.original, target: "away" })}>
                Set away…
              </DropdownMenuItem>
              <DropdownMenuItem disabled={row.original.state === "offline"} onSelect={() => setForce({ agent: row.original, target: "offline" })}>
                Log out
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => setEditing(row.original)}>Skills, queues and capacity…</DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        ),
      },
    ],
    [queueName, reasonName],
  );

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Agents" description="Who is available, on a call, in wrap-up or away, as it happens." actions={<LiveBadge live={live} />} />
      {agents.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : agents.error ? (
        <p role="alert" className="text-sm text-destructive">
          {agents.error.message}
        </p>
      ) : (
        <DataTable
          data={agents.data}
          columns={columns}
          getRowId={(a) => a.id}
          empty={<EmptyState icon={HeadsetIcon} title="No agents yet" description="A member becomes an agent the first time they open the agent desktop (/desktop)." />}
        />
      )}
      {editing && <EditAgentDialog agent={editing} onClose={() => setEditing(null)} />}
      {force && <ForceStateDialog agent={force.agent} target={force.target} reasons={reasons.data ?? []} onClose={() => setForce(null)} />}
    </div>
  );
}
