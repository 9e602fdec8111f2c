import type { Metadata } from "next";
import { SuppressionList } from "@/components/portal/messages/suppression-list";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Opt-out list" };

export default async function OptOutsPage() {
  const denied = await notForRole("/messages");
  if (denied) return denied;
  return <SuppressionList />;
}
