"use client";

import { createColumnHelper, type SortingState } from "@tanstack/react-table";
import { ArrowDownLeftIcon, ArrowUpRightIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { DataTable, useDataTable } from "@/components/shared/data-table";
import { CALL_DIRECTION_LABEL, CallStatusBadge, formatCallDuration } from "@/components/portal/calls/call-status";
import type { CallRow } from "@/components/portal/calls/types";
import { formatDateTime, formatMoney } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";

const column = createColumnHelper<CallRow>();

const STATUS_ORDER: Record<CallRow["status"], number> = {
  QUEUED: 0,
  INITIATED: 1,
  RINGING: 2,
  IN_PROGRESS: 3,
  COMPLETED: 4,
  BUSY: 5,
  NO_ANSWER: 6,
  FAILED: 7,
  CANCELED: 8,
};

const columns = [
  column.accessor("status", {
    header: "Status",
    sortingFn: (a, b) => STATUS_ORDER[a.original.status] - STATUS_ORDER[b.original.status],
    cell: (c) => <CallStatusBadge status={c.getValue()} />,
  }),
  column.accessor("to", {
    header: "Call",
    cell: (c) => {
      const call = c.row.original;
      const inbound = call.direction === "INBOUND";
      const Icon = inbound ? ArrowDownLeftIcon : ArrowUpRightIcon;
      return (
        // The link covers the whole row (after:inset-0), so the row is one click target and one tab stop.
        <Link
          href={`/calls/${call.id}`}
          className="flex items-center gap-2 rounded-sm outline-none after:absolute after:inset-0 after:content-[''] focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <Icon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
          <span className="flex flex-col">
            <span className="whitespace-nowrap font-medium tabular-nums">{formatPhoneNumber(call.to)}</span>
            <span className="whitespace-nowrap text-xs text-muted-foreground tabular-nums">
              <span className="sr-only">{CALL_DIRECTION_LABEL[call.direction]} call </span>from {formatPhoneNumber(call.from)}
              {/* Narrow screens have no duration column. */}
              {call.durationSeconds !== null && <span className="sm:hidden"> · {formatCallDuration(call.durationSeconds)}</span>}
            </span>
          </span>
        </Link>
      );
    },
  }),
  column.accessor("createdAt", {
    header: "Started",
    meta: { className: "hidden sm:table-cell" },
    cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
  }),
  column.accessor((row) => row.durationSeconds ?? -1, {
    id: "duration",
    header: "Duration",
    meta: { className: "hidden text-right sm:table-cell", headerClassName: "text-right" },
    cell: (c) => <span className="tabular-nums">{formatCallDuration(c.row.original.durationSeconds)}</span>,
  }),
  column.accessor((row) => (row.priceMicros === null ? -1 : Number(row.priceMicros)), {
    id: "cost",
    header: "Cost",
    meta: { className: "hidden text-right md:table-cell", headerClassName: "text-right" },
    cell: (c) => <span className="tabular-nums">{c.row.original.priceMicros === null ? "—" : formatMoney(c.row.original.priceMicros, c.row.original.currency)}</span>,
  }),
];

export function CallsTable({ calls }: { calls: CallRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useDataTable({ data: calls, columns, getRowId: (row) => row.id, sortable: true, state: { sorting }, onSortingChange: setSorting });
  return <DataTable table={table} rowClassName={() => "relative cursor-pointer"} />;
}
