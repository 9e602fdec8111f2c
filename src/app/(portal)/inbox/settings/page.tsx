import type { Metadata } from "next";
import { InboxSettings } from "@/components/portal/inbox/inbox-settings";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Inbox settings" };

export default async function InboxSettingsPage() {
  const denied = await notForRole("/inbox/settings");
  if (denied) return denied;
  return <InboxSettings />;
}
