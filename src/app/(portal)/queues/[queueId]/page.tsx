import type { Metadata } from "next";
import { QueueDetail } from "@/components/portal/contact-centre/queue-detail";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage({ params }: { params: Promise<{ queueId: string }> }) {
  const denied = await notForRole("/queues");
  if (denied) return denied;
  const { queueId } = await params;
  return <QueueDetail queueId={queueId} />;
}
