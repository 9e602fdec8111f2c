"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { LiveBadge } from "@/components/shared/agent-state";
import { QueueHourlyChart, QueueMetricsCards } from "@/components/portal/contact-centre/queue-metrics-cards";
import { QueueCallbacksList } from "@/components/portal/contact-centre/queue-callbacks-list";
import { QueueSettingsForm } from "@/components/portal/contact-centre/queue-settings-form";
import { QueueAgentsCard, QueueSkillsCard } from "@/components/portal/contact-centre/queue-skills-card";
import { useLiveAgents } from "@/components/portal/contact-centre/use-live-agents";
import { useLocalMidnight } from "@/components/portal/contact-centre/use-today";
import { useTRPC } from "@/trpc/react";

export function QueueDetail({ queueId }: { queueId: string }) {
  const trpc = useTRPC();
  const live = useLiveAgents();
  const from = useLocalMidnight();
  const queue = useQuery(trpc.contactCentre.queue.queryOptions({ queueId }));
  const metrics = useQuery({ ...trpc.contactCentre.queueMetrics.queryOptions({ queueId, from }), refetchInterval: 5000 });
  if (queue.error) {
    return (
      <p role="alert" className="text-sm text-destructive">
        {queue.error.message}. <Link href="/queues" className="underline">Back to queues</Link>
      </p>
    );
  }
  if (!queue.data) return <Skeleton className="h-64 w-full" />;
  const m = metrics.data?.[0];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={queue.data.friendlyName}
        description={
          <>
            <Link href="/queues" className="underline-offset-4 hover:underline">
              Queues
            </Link>{" "}
            / {queue.data.friendlyName}
          </>
        }
        actions={<LiveBadge live={live} />}
      />
      {m ? <QueueMetricsCards metrics={m} /> : <Skeleton className="h-40 w-full" />}
      {m && <QueueHourlyChart metrics={m} />}
      {queue.data.callbackOffer && <QueueCallbacksList queueId={queue.data.id} />}
      <QueueSettingsForm key={queue.data.id} queue={queue.data} />
      <div className="grid gap-6 lg:grid-cols-2">
        <QueueSkillsCard key={`s-${queue.data.skills.map((s) => s.skillId + s.minLevel).join()}`} queue={queue.data} />
        <QueueAgentsCard key={`a-${queue.data.agentIds.join()}`} queue={queue.data} />
      </div>
    </div>
  );
}
