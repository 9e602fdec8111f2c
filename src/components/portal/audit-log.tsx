"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ScrollTextIcon, ShieldAlertIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";

function describeChange(before: unknown, after: unknown): string {
  const b = before && typeof before === "object" ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === "object" ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .map((k) => (k in b && k in a ? `${k}: ${String(b[k])} → ${String(a[k])}` : k in a ? `${k}: ${String(a[k])}` : `${k}: ${String(b[k])}`))
    .join(", ");
}

export function AuditLog() {
  const trpc = useTRPC();
  const entries = useInfiniteQuery(trpc.audit.find.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }));

  const header = <PageHeader title="Audit log" description="Who changed what in this workspace, newest first." className="pb-0" />;

  if (entries.isError) {
    const { appCode, form } = formErrorsFrom(entries.error);
    return (
      <div className="flex flex-col gap-6">
        {header}
        <EmptyState
          icon={<ShieldAlertIcon />}
          title={appCode === "FORBIDDEN" ? "Admins only" : "Could not load the audit log"}
          description={appCode === "FORBIDDEN" ? "Ask an admin or owner of this workspace if you need to see its audit log." : (form ?? undefined)}
        />
      </div>
    );
  }

  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="flex flex-col gap-6">
      {header}
      {entries.isPending ? (
        <Skeleton className="h-64 w-full rounded-xl" />
      ) : items.length === 0 ? (
        <EmptyState icon={<ScrollTextIcon />} title="Nothing recorded yet" description="Changes to the team, keys, webhooks and settings appear here." />
      ) : (
        <Card className="gap-0 py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="w-44 pl-6">When</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>Action</TableHead>
                <TableHead className="hidden lg:table-cell">Change</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="pl-6 align-top text-muted-foreground tabular-nums">{formatDateTime(e.createdAt)}</TableCell>
                  <TableCell className="align-top">
                    {e.actor ? (
                      <div className="min-w-0">
                        <div className="truncate font-medium">{e.actor.name}</div>
                        <div className="truncate text-xs text-muted-foreground">{e.actor.email}</div>
                      </div>
                    ) : e.actorApiKeyId ? (
                      <span className="font-mono text-xs">API key {e.actorApiKeyId.slice(0, 10)}…</span>
                    ) : (
                      <span className="text-muted-foreground">System</span>
                    )}
                    {e.impersonator && <div className="text-xs text-warning-foreground dark:text-warning">via {e.impersonator.name} (staff)</div>}
                  </TableCell>
                  <TableCell className="align-top">
                    <Badge variant="outline" className="font-mono">{e.action}</Badge>
                  </TableCell>
                  <TableCell className="hidden max-w-md whitespace-normal align-top text-xs text-muted-foreground lg:table-cell">{describeChange(e.before, e.after)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {entries.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
            {entries.isFetchingNextPage ? "Loading…" : "Load older entries"}
          </Button>
        </div>
      )}
    </div>
  );
}
