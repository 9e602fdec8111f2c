"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ExternalLinkIcon } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/shared/data-table";
import { Badge } from "@/components/ui/badge";
import { SOURCE_LABEL } from "@/components/portal/debugger/debugger-filters";
import type { DebuggerErrorRow } from "@/components/portal/debugger/types";
import { formatDateTime } from "@/lib/format";

/** Where in the document: "verb 3 (gather) · attribute timeout · line 4:9 · HTTP 500 · https://…". */
function whereText(e: DebuggerErrorRow): string[] {
  return [
    e.verbIndex !== null ? `verb ${e.verbIndex + 1}${e.verb ? ` (${e.verb})` : ""}` : e.verb ? `verb ${e.verb}` : null,
    e.attribute ? `attribute ${e.attribute}` : null,
    e.line !== null ? `line ${e.line}${e.column !== null ? `:${e.column}` : ""}` : null,
    e.httpStatus !== null ? `HTTP ${e.httpStatus}` : null,
  ].filter((p): p is string => p !== null);
}

function ErrorCode({ error }: { error: DebuggerErrorRow }) {
  return (
    <div className="flex flex-col gap-0.5">
      <a
        href={error.moreInfo}
        target="_blank"
        rel="noreferrer"
        className="inline-flex w-fit items-center gap-1 font-mono text-sm font-medium text-destructive underline-offset-2 hover:underline"
        aria-label={`Error ${error.code}: ${error.title} (Twilio's documentation, opens in a new tab)`}
      >
        {error.code} <ExternalLinkIcon aria-hidden="true" className="size-3" />
      </a>
      <span className="text-xs text-muted-foreground">{error.title}</span>
    </div>
  );
}

function Message({ error }: { error: DebuggerErrorRow }) {
  const where = whereText(error);
  return (
    <div className="flex max-w-xl flex-col gap-1">
      <span className="text-sm break-words whitespace-normal">{error.message}</span>
      {(where.length > 0 || error.url) && (
        <span className="text-xs break-all whitespace-normal text-muted-foreground">
          {where.join(" · ")}
          {where.length > 0 && error.url ? " · " : ""}
          {error.url && <code className="font-mono">{error.url}</code>}
        </span>
      )}
    </div>
  );
}

/** A call's errors or the whole account's: time, Twilio's code (linked to its page), what and where, source, call. */
export function DebuggerErrorsTable({ errors, showCall = true }: { errors: DebuggerErrorRow[]; showCall?: boolean }) {
  const columns = useMemo<ColumnDef<DebuggerErrorRow>[]>(
    () => [
      { id: "time", header: "Time", cell: ({ row }) => <span className="text-sm whitespace-nowrap tabular-nums">{formatDateTime(row.original.occurredAt)}</span> },
      { id: "code", header: "Error", cell: ({ row }) => <ErrorCode error={row.original} /> },
      { id: "message", header: "What happened", cell: ({ row }) => <Message error={row.original} /> },
      {
        id: "source",
        header: "Source",
        meta: { className: "hidden md:table-cell" },
        cell: ({ row }) => <Badge variant="outline">{SOURCE_LABEL[row.original.source]}</Badge>,
      },
      ...(showCall
        ? [
            {
              id: "call",
              header: "Call",
              cell: ({ row }) => (
                <Link href={`/calls/${row.original.callId}`} className="font-mono text-xs underline-offset-2 hover:underline">
                  {row.original.callId.slice(0, 10)}…
                </Link>
              ),
            } satisfies ColumnDef<DebuggerErrorRow>,
          ]
        : []),
    ],
    [showCall],
  );
  return <DataTable columns={columns} data={errors} getRowId={(e) => e.id} />;
}
