import type { Metadata } from "next";
import { QueuesList } from "@/components/portal/contact-centre/queues-list";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Queues" };

export default async function QueuesPage() {
  const denied = await notForRole("/queues");
  if (denied) return denied;
  return <QueuesList />;
}
