import type { Metadata } from "next";
import { WebhooksPanel } from "@/components/portal/webhooks/webhooks-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const denied = await notForRole("/settings/webhooks");
  if (denied) return denied;
  return <WebhooksPanel />;
}
