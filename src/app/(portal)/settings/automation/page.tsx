import type { Metadata } from "next";
import { AutomationPanel } from "@/components/portal/automation/automation-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Automation" };

export default async function AutomationPage() {
  const denied = await notForRole("/settings/automation");
  if (denied) return denied;
  return <AutomationPanel />;
}
