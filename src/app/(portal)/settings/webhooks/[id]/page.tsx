import type { Metadata } from "next";
import { WebhookEndpointDetail } from "@/components/portal/webhooks/webhook-endpoint-detail";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <WebhookEndpointDetail id={id} />;
}
