"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable } from "@/components/shared/data-table";
import { DeleteSipUserButton, RevealSipPasswordButton, SipUserEnabledSwitch } from "@/components/portal/sip-users/sip-user-actions";
import type { SipUserRow } from "@/components/portal/sip-users/types";
import { formatDateTime } from "@/lib/format";

const column = createColumnHelper<SipUserRow>();

const columns = [
  column.accessor("username", {
    header: "Username",
    cell: (c) => (
      <span className="flex flex-col">
        <span className="font-medium">{c.getValue()}</span>
        {c.row.original.displayName && <span className="text-xs text-muted-foreground">{c.row.original.displayName}</span>}
      </span>
    ),
  }),
  column.accessor("sipUri", {
    header: "SIP URI",
    cell: (c) => (
      <span className="flex items-center gap-1">
        <code className="font-mono text-xs">{c.getValue()}</code>
        <CopyButton value={c.getValue()} label="Copy SIP URI" />
      </span>
    ),
  }),
  column.accessor("enabled", {
    header: "Status",
    cell: (c) => (
      <span className="flex items-center gap-2">
        <SipUserEnabledSwitch sipUser={c.row.original} />
        {c.getValue() ? <Badge variant="success">Enabled</Badge> : <Badge variant="secondary">Disabled</Badge>}
      </span>
    ),
  }),
  column.accessor("createdAt", { header: "Created", cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span> }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => (
      <span className="flex justify-end gap-1">
        <RevealSipPasswordButton sipUser={c.row.original} />
        <DeleteSipUserButton sipUser={c.row.original} />
      </span>
    ),
  }),
];

export function SipUsersTable({ sipUsers }: { sipUsers: SipUserRow[] }) {
  return <DataTable data={sipUsers} columns={columns} getRowId={(row) => row.id} rowClassName={(row) => (row.original.enabled ? undefined : "opacity-60")} />;
}
