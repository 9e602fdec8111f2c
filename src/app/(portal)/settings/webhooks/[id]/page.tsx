import type { Metadata } from "next";
import { WebhookEndpointDetail } from "@/components/portal/webhooks/webhook-endpoint-detail";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const denied = await notForRole("/settings/webhooks");
  if (denied) return denied;
  const { id } = await params;
  return <WebhookEndpointDetail id={id} />;
}
