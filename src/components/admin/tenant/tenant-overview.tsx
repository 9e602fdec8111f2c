"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangleIcon, ArrowLeftIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { AssignNumberDialog } from "@/components/admin/assign-number-dialog";
import { PlatformAuditViewer } from "@/components/admin/platform-audit-viewer";
import { ImpersonateDialog } from "@/components/admin/tenant/impersonate-dialog";
import { TenantDeletionActions } from "@/components/admin/tenant/tenant-deletion-actions";
import { ImpersonationsSection, MembersSection, NumbersSection, RecentCallsSection, Section, WebhooksSection, type TenantDetail } from "@/components/admin/tenant/tenant-sections";
import { TenantAccessActions } from "@/components/admin/tenant-access-actions";
import { TenantLimitsDialog } from "@/components/admin/tenant-limits-dialog";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { QueryStates } from "@/components/shared/query-states";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, formatMoney } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Card className="gap-1 py-4">
      <CardContent className="flex flex-col gap-0.5 px-4">
        <span className="text-xs font-medium text-muted-foreground">{label}</span>
        <span className="text-xl font-semibold tabular-nums">{value}</span>
        {hint && <span className="text-xs text-muted-foreground">{hint}</span>}
      </CardContent>
    </Card>
  );
}

function StatusBadge({ tenant }: { tenant: TenantDetail["tenant"] }) {
  if (tenant.purgeAfter) return <Badge variant="destructive">Deleting</Badge>;
  if (tenant.status === "SUSPENDED") return <Badge variant="destructive">Suspended</Badge>;
  return <Badge variant="success">Active</Badge>;
}

function Header({ detail }: { detail: TenantDetail }) {
  const t = detail.tenant;
  const operator = useStaffCan("OPERATOR");
  const owner = useStaffCan("OWNER");
  return (
    <div className="flex flex-col gap-3">
      <Link href="/admin" className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon aria-hidden="true" className="size-4" /> Tenants
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            {t.name} <StatusBadge tenant={t} />
          </h1>
          <p className="font-mono text-xs text-muted-foreground">
            {t.id} · {t.accountSid} · created {formatDate(t.createdAt)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <ImpersonateDialog tenant={t} members={detail.members} />
          {operator && <TenantLimitsDialog tenant={t} trigger="button" />}
          {operator && <AssignNumberDialog tenant={t} />}
          {operator && !t.purgeAfter && <TenantAccessActions tenant={t} />}
          {owner && <TenantDeletionActions tenant={t} />}
        </div>
      </div>
      {t.purgeAfter ? (
        <Alert variant="destructive">
          <AlertTriangleIcon />
          <AlertTitle>Scheduled for deletion: purged on {formatDate(t.purgeAfter)}</AlertTitle>
          <AlertDescription>{t.deletionReason}</AlertDescription>
        </Alert>
      ) : (
        t.status === "SUSPENDED" && (
          <Alert variant="destructive">
            <AlertTriangleIcon />
            <AlertTitle>Suspended</AlertTitle>
            <AlertDescription>{t.suspendedReason}</AlertDescription>
          </Alert>
        )
      )}
    </div>
  );
}

function Stats({ detail }: { detail: TenantDetail }) {
  const t = detail.tenant;
  const u = detail.usage;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Stat label="Credit" value={formatMoney(t.creditMicros, t.currency)} hint={t.pricePlanName ? `plan: ${t.pricePlanName}` : "default plan"} />
      <Stat label="Calls, last 30 days" value={u.calls.toLocaleString()} hint={`${u.billedMinutes.toLocaleString()} billed minutes`} />
      <Stat label="Spend, last 30 days" value={formatMoney(u.costMicros, t.currency)} hint={`${u.liveCalls} live now`} />
      <Stat
        label="Limits"
        value={`${t.callsPerSecond}/s · ${t.maxConcurrentCalls}`}
        hint={`seats ${detail.members.length + detail.pendingInvitations}${t.maxSeats !== null ? `/${t.maxSeats}` : ""} · numbers ${detail.numbers.total}${t.maxPhoneNumbers !== null ? `/${t.maxPhoneNumbers}` : ""}`}
      />
    </div>
  );
}

/** One tenant for support: who, what they hold, how they use it, what went wrong, and what staff did. */
export function TenantOverview({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.admin.tenant.queryOptions({ tenantId }));
  return (
    <QueryStates query={detail} what="the tenant" loading={<Skeleton className="h-96 w-full rounded-xl" />}>
      {(d) => (
        <div className="flex flex-col gap-6">
          <Header detail={d} />
          <Stats detail={d} />
          <div className="grid gap-6 xl:grid-cols-2">
            <MembersSection detail={d} />
            <NumbersSection detail={d} />
            <RecentCallsSection detail={d} />
            <WebhooksSection detail={d} />
          </div>
          <ImpersonationsSection detail={d} />
          <Section title="Audit trail" description="Everything done in and to this tenant, by its members, its API keys and staff.">
            <div className="px-6">
              <PlatformAuditViewer tenantId={d.tenant.id} />
            </div>
          </Section>
        </div>
      )}
    </QueryStates>
  );
}
