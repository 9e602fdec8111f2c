"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleCheckIcon } from "lucide-react";
import Link from "next/link";
import { adminTenantHref } from "@/components/admin/admin-links";
import { QueryStates } from "@/components/shared/query-states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatRelative } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

const REFRESH_MS = 30_000;

/** The latest failed webhook deliveries and failed calls (last 24 hours), each with its tenant. */
export function RecentFailuresCard() {
  const trpc = useTRPC();
  const failures = useQuery(trpc.admin.recentFailures.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle className="text-base">Recent failures</CardTitle>
        <CardDescription>Webhook deliveries that failed for good and calls that failed, in the last 24 hours, newest first.</CardDescription>
      </CardHeader>
      <CardContent>
        <QueryStates
          query={failures}
          what="recent failures"
          isEmpty={(rows) => rows.length === 0}
          empty={<EmptyState icon={<CircleCheckIcon />} title="No failures in the last 24 hours" description="Failed webhook deliveries and failed calls appear here." />}
        >
          {(rows) => (
            <ul className="flex flex-col divide-y" aria-label="Recent failures">
              {rows.map((f) => (
                <li key={`${f.kind}-${f.id}`} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:gap-4">
                  <div className="flex shrink-0 items-center gap-2 sm:w-40">
                    <Badge variant={f.kind === "webhook" ? "warning" : "destructive"}>{f.kind === "webhook" ? "Webhook" : "Call"}</Badge>
                    <time dateTime={f.at.toISOString()} className="text-xs text-muted-foreground" title={f.at.toISOString()}>
                      {formatRelative(f.at)}
                    </time>
                  </div>
                  <div className="flex min-w-0 flex-1 flex-col gap-0.5 text-sm">
                    <span className="truncate" title={f.subject}>
                      {f.subject}
                    </span>
                    <span className="text-muted-foreground">{f.detail}</span>
                    <span className="flex min-w-0 items-center gap-1 text-xs text-muted-foreground">
                      <Link href={adminTenantHref(f.tenantId)} className="shrink-0 font-medium text-foreground underline-offset-4 hover:underline">
                        {f.tenantName}
                      </Link>
                      · <span className="truncate font-mono">{f.id}</span>
                      <CopyButton value={f.id} label={`Copy the ${f.kind === "webhook" ? "delivery" : "call"} id`} />
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </QueryStates>
      </CardContent>
    </Card>
  );
}
