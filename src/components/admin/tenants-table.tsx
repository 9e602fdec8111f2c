"use client";

import { useQuery } from "@tanstack/react-query";
import { BuildingIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/lib/format";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";

export function TenantsTable() {
  const trpc = useTRPC();
  const tenants = useQuery(trpc.admin.tenants.queryOptions());
  if (tenants.isPending) return <Skeleton className="h-64 w-full rounded-xl" />;
  if (tenants.isError) return <p className="text-sm text-destructive">{formErrorsFrom(tenants.error).form}</p>;
  if (tenants.data.length === 0) return <EmptyState icon={<BuildingIcon />} title="No tenants yet" description="Workspaces appear here as people sign up." />;
  return (
    <Card className="gap-0 py-0">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead className="pl-6">Tenant</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Members</TableHead>
            <TableHead className="hidden text-right md:table-cell">Credit</TableHead>
            <TableHead className="hidden pr-6 md:table-cell">Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tenants.data.map((t) => (
            <TableRow key={t.id}>
              <TableCell className="pl-6">
                <div className="font-medium">{t.name}</div>
                <div className="font-mono text-xs text-muted-foreground">{t.id}</div>
              </TableCell>
              <TableCell>
                {t.status === "ACTIVE" ? (
                  <Badge variant="success">Active</Badge>
                ) : (
                  <Badge variant="destructive" title={t.suspendedReason ?? undefined}>
                    Suspended
                  </Badge>
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">{t.memberCount}</TableCell>
              <TableCell className="hidden text-right tabular-nums md:table-cell">{formatMoney(t.creditMicros, t.currency)}</TableCell>
              <TableCell className="hidden pr-6 text-muted-foreground md:table-cell">{formatDate(t.createdAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
