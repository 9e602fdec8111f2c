"use client";

import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { MailIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { BroadcastProgress, BroadcastStatusBadge } from "@/components/admin/broadcasts/broadcast-status";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { DataTable } from "@/components/shared/data-table";
import { QueryStates } from "@/components/shared/query-states";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatRelative } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type BroadcastRow = inferRouterOutputs<AppRouter>["admin"]["broadcasts"]["list"][number];
const column = createColumnHelper<BroadcastRow>();

const columns = [
  column.accessor("subject", {
    header: "Subject",
    cell: (c) => (
      <div className="flex min-w-0 flex-col gap-1">
        <Link href={`/admin/broadcasts/${c.row.original.id}`} className="font-medium break-words whitespace-normal underline-offset-4 hover:underline focus-visible:underline">
          {c.getValue()}
        </Link>
        {/* Phones: the status and the count here, their columns hidden. */}
        <div className="flex items-center gap-2 sm:hidden">
          <BroadcastStatusBadge status={c.row.original.status} />
          {c.row.original.status !== "DRAFT" && (
            <span className="text-xs tabular-nums text-muted-foreground">
              {c.row.original.counts.accepted}/{c.row.original.counts.total} sent
            </span>
          )}
        </div>
      </div>
    ),
  }),
  column.accessor("status", { header: "Status", meta: { className: "hidden sm:table-cell" }, cell: (c) => <BroadcastStatusBadge status={c.getValue()} /> }),
  column.display({
    id: "progress",
    header: "Sent",
    meta: { className: "hidden w-56 sm:table-cell" },
    cell: (c) => (c.row.original.status === "DRAFT" ? <span className="text-sm text-muted-foreground">Not sent</span> : <BroadcastProgress counts={c.row.original.counts} />),
  }),
  column.accessor((b) => b.sendStartedAt ?? b.createdAt, {
    id: "when",
    header: "When",
    meta: { className: "hidden text-right md:table-cell", cellClassName: "text-sm text-muted-foreground whitespace-nowrap" },
    cell: (c) => `${c.row.original.sendStartedAt ? "sent" : "written"} ${formatRelative(c.getValue())}`,
  }),
];

export function NewBroadcastButton() {
  if (!useStaffCan("OPERATOR")) return null;
  return (
    <Button asChild>
      <Link href="/admin/broadcasts/new">
        <PlusIcon aria-hidden="true" /> New broadcast
      </Link>
    </Button>
  );
}

/** Every broadcast, newest first, with its progress; refreshed while one is sending. */
export function BroadcastsList() {
  const trpc = useTRPC();
  const list = useQuery(trpc.admin.broadcasts.list.queryOptions(undefined, { refetchInterval: (q) => (q.state.data?.some((b) => b.status === "SENDING") ? 3_000 : false) }));
  return (
    <QueryStates
      query={list}
      what="broadcasts"
      isEmpty={(rows) => rows.length === 0}
      empty={<EmptyState icon={<MailIcon />} title="No broadcasts yet" description="Write one to tenant owners or a segment of them: by plan, status or call activity." action={<NewBroadcastButton />} />}
    >
      {(rows) => <DataTable data={rows} columns={columns} getRowId={(r) => r.id} />}
    </QueryStates>
  );
}
