"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, SendIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { QueryStates } from "@/components/shared/query-states";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { EndpointStatusBadge } from "@/components/portal/webhooks/endpoint-status-badge";
import { formatRelative } from "@/lib/format";
import type { WebhookEndpointRow } from "@/components/portal/webhooks/types";
import { WebhookDeliveriesTable } from "@/components/portal/webhooks/webhook-deliveries-table";
import { WebhookDeliveryChart } from "@/components/portal/webhooks/webhook-delivery-chart";
import { WebhookEndpointSettingsCard } from "@/components/portal/webhooks/webhook-endpoint-settings-card";
import { WebhookSecretCard } from "@/components/portal/webhooks/webhook-secret-card";
import { useTRPC } from "@/trpc/react";

function EndpointActions({ endpoint }: { endpoint: WebhookEndpointRow }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toggle = useToastMutation(trpc.webhooks.update.mutationOptions(), { invalidate: [trpc.webhooks.get.queryKey({ id: endpoint.id })] });
  const sendTest = useToastMutation(
    trpc.webhooks.sendTest.mutationOptions({
      // The delivery row is created by the background fan-out; look again shortly.
      onSuccess: () => void setTimeout(() => void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey() }), 3000),
    }),
    { success: "Test event queued; it appears in the delivery log within seconds" },
  );
  const remove = useToastMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: () => router.push("/settings/webhooks") }), {
    success: "Endpoint deleted",
    invalidate: [trpc.webhooks.list.queryKey()],
  });
  const enabled = endpoint.status === "ENABLED";
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div className="flex items-center gap-2">
        <Switch id="endpoint-enabled" checked={enabled} disabled={toggle.isPending} onCheckedChange={(on) => toggle.mutate({ id: endpoint.id, enabled: on })} />
        <Label htmlFor="endpoint-enabled">{enabled ? "Enabled" : "Disabled"}</Label>
      </div>
      <Button variant="outline" disabled={!enabled || sendTest.isPending} onClick={() => sendTest.mutate({ id: endpoint.id })}>
        <SendIcon /> Send test event
      </Button>
      <ConfirmDialog
        trigger={
          <Button variant="ghost" className="text-destructive hover:text-destructive">
            Delete
          </Button>
        }
        title="Delete this endpoint?"
        description="Pending retries stop and its delivery log is deleted. This cannot be undone."
        cancelLabel="Keep endpoint"
        confirmLabel="Delete endpoint"
        destructive
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ id: endpoint.id })}
      />
    </div>
  );
}

export function WebhookEndpointDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const endpoint = useQuery(trpc.webhooks.get.queryOptions({ id }));
  const deliveries = useQuery(trpc.webhooks.deliveries.queryOptions({ endpointId: id, limit: 50 }));
  const stats = useQuery(trpc.webhooks.deliveryStats.queryOptions({ endpointId: id }));

  if (endpoint.isPending) return <Skeleton className="h-64 w-full" />;
  if (endpoint.isError) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm text-destructive">{endpoint.error.data?.code === "NOT_FOUND" ? "This webhook endpoint does not exist." : endpoint.error.message}</p>
        <Link href="/settings/webhooks" className="text-sm underline">
          Back to webhooks
        </Link>
      </div>
    );
  }
  const e = endpoint.data;
  return (
    <div className="flex flex-col gap-6">
      <Link href="/settings/webhooks" className="flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" /> Webhooks
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all font-mono text-lg">{e.url}</span>
            <EndpointStatusBadge endpoint={e} />
          </span>
        }
        description={e.description || undefined}
        actions={<EndpointActions key={e.status} endpoint={e} />}
      />
      {e.status === "DISABLED" && e.disabledReason && (
        <Alert variant="destructive">
          <AlertTitle>Disabled {formatRelative(e.disabledAt)}</AlertTitle>
          <AlertDescription>{e.disabledReason} Fix the receiver, then switch the endpoint back on.</AlertDescription>
        </Alert>
      )}
      {e.status === "ENABLED" && e.failingSince && (
        <Alert>
          <AlertTitle>Failing since {formatRelative(e.failingSince)}</AlertTitle>
          <AlertDescription>
            {e.consecutiveFailures} attempts in a row have failed. After 24 hours and at least 10 failed attempts without a success the endpoint is disabled
            and account owners are e-mailed.
          </AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Last 24 hours</CardTitle>
          <CardDescription>Delivery attempts per hour.</CardDescription>
        </CardHeader>
        <CardContent>
          <QueryStates query={stats} what="the delivery chart" loading={<Skeleton className="h-40 w-full" />}>
            {(hours) => <WebhookDeliveryChart hours={hours} />}
          </QueryStates>
        </CardContent>
      </Card>
      <section className="flex flex-col gap-3">
        <h2 className="text-base font-semibold">Delivery log</h2>
        <QueryStates
          query={deliveries}
          what="deliveries"
          loading={<Skeleton className="h-32 w-full" />}
          isEmpty={(page) => page.items.length === 0}
          empty={<p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">No deliveries yet. Send a test event to try the endpoint.</p>}
        >
          {(page) => <WebhookDeliveriesTable deliveries={page.items} />}
        </QueryStates>
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <WebhookEndpointSettingsCard key={e.updatedAt.toISOString()} endpoint={e} />
        <WebhookSecretCard endpointId={e.id} />
      </div>
    </div>
  );
}
