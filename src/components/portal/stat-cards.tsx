"use client";

import { useQuery } from "@tanstack/react-query";
import { KeyRoundIcon, UsersIcon, WalletIcon, WebhookIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { QueryStates } from "@/components/shared/query-states";
import { Skeleton } from "@/components/ui/skeleton";
import { formatMoney } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

function StatCard({ label, value, hint, icon, href }: { label: string; value: ReactNode; hint: string; icon: ReactNode; href: string }) {
  return (
    <Link href={href} className="group rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
      <Card className="h-full gap-2 transition-colors group-hover:border-primary/40">
        <CardHeader className="flex flex-row items-center justify-between gap-2">
          <CardDescription>{label}</CardDescription>
          <span aria-hidden="true" className="text-muted-foreground [&_svg]:size-4">
            {icon}
          </span>
        </CardHeader>
        <CardContent>
          <CardTitle className="text-2xl font-semibold tabular-nums">{value}</CardTitle>
          <p className="mt-1 text-xs text-muted-foreground">{hint}</p>
        </CardContent>
      </Card>
    </Link>
  );
}

export function StatCards() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const loading = (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} className="h-32 rounded-xl" />
      ))}
    </div>
  );
  return (
    <QueryStates query={overview} what="the workspace overview" loading={loading}>
      {(o) => (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <StatCard label="Credit balance" value={formatMoney(o.creditMicros, o.currency)} hint="Prepaid, used by calls and messages" icon={<WalletIcon />} href="/settings/general" />
          <StatCard
            label="Team members"
            value={o.members}
            hint={o.pendingInvitations > 0 ? `${o.pendingInvitations} invitation${o.pendingInvitations === 1 ? "" : "s"} pending` : "No pending invitations"}
            icon={<UsersIcon />}
            href="/settings/team"
          />
          <StatCard label="Active API keys" value={o.apiKeys} hint={o.apiKeys === 0 ? "Create one to call the API" : "Used by your backend"} icon={<KeyRoundIcon />} href="/settings/api-keys" />
          <StatCard label="Webhook endpoints" value={o.webhookEndpoints} hint={o.webhookEndpoints === 0 ? "Get events pushed to you" : "Enabled and receiving events"} icon={<WebhookIcon />} href="/settings/webhooks" />
        </div>
      )}
    </QueryStates>
  );
}
