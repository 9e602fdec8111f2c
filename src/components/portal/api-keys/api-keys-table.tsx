"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable } from "@/components/shared/data-table";
import { RevokeApiKeyButton } from "@/components/portal/api-keys/revoke-api-key-button";
import type { ApiKeyRow } from "@/components/portal/api-keys/types";
import { formatDateTime, formatRelative } from "@/lib/format";

const column = createColumnHelper<ApiKeyRow>();

const columns = [
  column.accessor("name", {
    header: "Name",
    cell: (c) => <span className="font-medium">{c.getValue()}</span>,
  }),
  column.accessor("id", {
    header: "Key id",
    cell: (c) => (
      <span className="flex items-center gap-1">
        {/* The full id is 34 characters; the copy button carries it, the cell shows enough to tell keys apart. */}
        <code className="font-mono text-xs" title={c.getValue()}>
          {c.getValue().slice(0, 10)}…{c.getValue().slice(-4)}
        </code>
        <CopyButton value={c.getValue()} label="Copy key id" />
        <span className="text-xs text-muted-foreground" title="Last four characters of the secret">
          …{c.row.original.secretLast4}
        </span>
      </span>
    ),
  }),
  column.accessor("scopes", {
    header: "Scopes",
    cell: (c) => (
      <span className="flex max-w-xs flex-wrap gap-1">
        {c.getValue().map((s) => (
          <Badge key={s} variant="outline" className="font-mono">
            {s === "*" ? "all scopes" : s}
          </Badge>
        ))}
      </span>
    ),
  }),
  column.accessor("createdAt", { header: "Created", cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span> }),
  column.accessor("lastUsedAt", {
    header: "Last used",
    cell: (c) => (
      <span className="whitespace-nowrap text-muted-foreground" title={c.getValue() ? formatDateTime(c.getValue()!) : undefined}>
        {formatRelative(c.getValue(), "Never")}
      </span>
    ),
  }),
  column.display({
    id: "status",
    header: "Status",
    cell: (c) =>
      c.row.original.revokedAt ? (
        <Badge variant="secondary" title={`Revoked ${formatDateTime(c.row.original.revokedAt)}`}>
          Revoked
        </Badge>
      ) : (
        <Badge variant="success">Active</Badge>
      ),
  }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => (c.row.original.revokedAt ? null : <RevokeApiKeyButton apiKey={c.row.original} />),
  }),
];

export function ApiKeysTable({ keys }: { keys: ApiKeyRow[] }) {
  return <DataTable data={keys} columns={columns} getRowId={(row) => row.id} rowClassName={(row) => (row.original.revokedAt ? "opacity-60" : undefined)} />;
}
