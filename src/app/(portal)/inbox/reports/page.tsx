import type { Metadata } from "next";
import { InboxReports } from "@/components/portal/inbox/inbox-reports";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Inbox reports" };

export default async function InboxReportsPage() {
  const denied = await notForRole("/inbox/reports");
  if (denied) return denied;
  return <InboxReports />;
}
