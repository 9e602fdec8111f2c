"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/shared/data-table";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";
import type { PhoneNumberRow } from "@/components/portal/numbers/types";
import { formatPhoneNumber } from "@/lib/phone";

const column = createColumnHelper<PhoneNumberRow>();

/** How the number came to the workspace, and whether calls may show it. */
export function NumberOriginBadge({ number }: { number: Pick<PhoneNumberRow, "origin" | "provider" | "purchasePending" | "callerIdAllowed"> }) {
  if (number.purchasePending) return <Badge variant="destructive">Purchase unconfirmed</Badge>;
  if (number.origin === "PROVISIONED") return <Badge variant="secondary">Bought{number.provider ? ` · ${number.provider === "twilio" ? "Twilio" : "Telnyx"}` : ""}</Badge>;
  if (number.origin === "ASSIGNED") return <Badge variant="secondary">Assigned by staff</Badge>;
  return number.callerIdAllowed ? <Badge variant="secondary">Verified</Badge> : <Badge variant="outline" className="border-amber-500/60 text-amber-700 dark:text-amber-400">Not verified</Badge>;
}

function Handler({ url, method }: { url: string | null; method: string }) {
  if (!url) return <span className="text-xs text-muted-foreground">Not set</span>;
  return (
    <span className="flex min-w-0 items-center gap-1.5">
      <Badge variant="outline" className="font-mono text-[10px]">
        {method}
      </Badge>
      <span className="max-w-56 truncate font-mono text-xs" title={url}>
        {url}
      </span>
    </span>
  );
}

const columns = [
  column.accessor("phoneNumber", {
    header: "Number",
    cell: (c) => (
      <Link href={`/numbers/${c.row.original.id}`} className="flex flex-col gap-0.5 rounded-sm outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50">
        <span className="whitespace-nowrap font-medium tabular-nums">{formatPhoneNumber(c.getValue())}</span>
        {c.row.original.friendlyName && <span className="text-xs text-muted-foreground">{c.row.original.friendlyName}</span>}
      </Link>
    ),
  }),
  column.accessor("capabilities", {
    header: "Capabilities",
    enableSorting: false,
    cell: (c) => {
      const caps = c.getValue();
      const on = [caps.voice && "Voice", caps.sms && "SMS", caps.mms && "MMS"].filter(Boolean) as string[];
      return (
        <span className="flex flex-wrap gap-1">
          {on.map((label) => (
            <Badge key={label} variant="secondary">
              {label}
            </Badge>
          ))}
        </span>
      );
    },
  }),
  column.accessor("origin", {
    header: "Caller ID",
    enableSorting: false,
    cell: (c) => <NumberOriginBadge number={c.row.original} />,
  }),
  column.accessor("voiceUrl", {
    header: "Voice handler",
    enableSorting: false,
    meta: { className: "hidden md:table-cell" },
    cell: (c) =>
      c.row.original.voiceFlowId ? <span className="text-xs">Flow {c.row.original.voiceFlowId}</span> : <Handler url={c.getValue()} method={c.row.original.voiceMethod} />,
  }),
  column.accessor("carrierGateway", {
    header: "Gateway",
    meta: { className: "hidden lg:table-cell" },
    cell: (c) => (c.getValue() ? <code className="font-mono text-xs">{c.getValue()}</code> : <span className="text-xs text-muted-foreground">Default</span>),
  }),
  column.accessor("createdAt", {
    header: "Added",
    meta: { className: "hidden sm:table-cell" },
    cell: (c) => <span className="whitespace-nowrap">{formatDate(c.getValue())}</span>,
  }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => (
      <Link href={`/numbers/${c.row.original.id}`} className="whitespace-nowrap text-sm font-medium text-primary hover:underline" aria-label={`Configure ${c.row.original.phoneNumber}`}>
        Configure
      </Link>
    ),
  }),
];

export function PhoneNumbersTable({ numbers }: { numbers: PhoneNumberRow[] }) {
  return <DataTable data={numbers} columns={columns} getRowId={(row) => row.id} sortable />;
}
