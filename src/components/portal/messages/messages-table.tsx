"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { ArrowDownLeftIcon, ArrowUpRightIcon, MailIcon } from "lucide-react";
import Link from "next/link";
import { DataTable, useDataTable } from "@/components/shared/data-table";
import { MessageStatusBadge } from "@/components/portal/messages/message-status";
import type { MessageRow } from "@/components/portal/messages/types";
import { formatDateTime, formatUnitPrice } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";

const column = createColumnHelper<MessageRow>();

const columns = [
  column.accessor("status", { header: "Status", cell: (c) => <MessageStatusBadge status={c.getValue()} /> }),
  column.accessor("to", {
    header: "Message",
    cell: (c) => {
      const m = c.row.original;
      const inbound = m.direction === "INBOUND";
      const Icon = inbound ? ArrowDownLeftIcon : ArrowUpRightIcon;
      return (
        // The link covers the whole row (after:inset-0), so the row is one click target and one tab stop.
        <Link
          href={`/messages/${m.id}`}
          className="flex items-start gap-2 rounded-sm outline-none after:absolute after:inset-0 after:content-[''] focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          <span className="flex min-w-0 flex-col">
            <span className="whitespace-nowrap font-medium tabular-nums">
              <span className="sr-only">{inbound ? "Inbound from" : "Outbound to"} </span>
              {m.channel === "EMAIL" ? (inbound ? m.from : m.to) : formatPhoneNumber(inbound ? m.from : m.to)}
            </span>
            {m.channel === "EMAIL" ? (
              <span className="line-clamp-1 max-w-[16rem] text-xs text-muted-foreground sm:max-w-md">
                <MailIcon aria-label="Email" className="mr-1 inline size-3 align-[-2px]" />
                <span className="font-medium text-foreground">{m.subject || "(no subject)"}</span>
                {m.body ? ` — ${m.body}` : ""}
              </span>
            ) : (
              <span className="line-clamp-1 max-w-[16rem] text-xs text-muted-foreground sm:max-w-md">{m.body || (m.mediaUrls.length ? `${m.mediaUrls.length} media` : "—")}</span>
            )}
          </span>
        </Link>
      );
    },
  }),
  column.accessor("numSegments", {
    header: "Segments",
    meta: { className: "hidden text-right sm:table-cell", headerClassName: "text-right" },
    cell: (c) => (
      <span className="tabular-nums">
        {c.getValue()}
        {c.row.original.encoding ? <span className="ml-1 text-xs text-muted-foreground">{c.row.original.encoding}</span> : null}
      </span>
    ),
  }),
  column.accessor("createdAt", {
    header: "Created",
    meta: { className: "hidden md:table-cell" },
    cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
  }),
  column.accessor((row) => (row.priceMicros === null ? -1 : Number(row.priceMicros)), {
    id: "cost",
    header: "Cost",
    meta: { className: "hidden text-right md:table-cell", headerClassName: "text-right" },
    cell: (c) => <span className="tabular-nums">{c.row.original.priceMicros === null ? "—" : formatUnitPrice(c.row.original.priceMicros, c.row.original.currency)}</span>,
  }),
];

export function MessagesTable({ messages }: { messages: MessageRow[] }) {
  const table = useDataTable({ data: messages, columns, getRowId: (row) => row.id });
  return <DataTable table={table} rowClassName={() => "relative cursor-pointer"} />;
}
