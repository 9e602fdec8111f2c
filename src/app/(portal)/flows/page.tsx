import type { Metadata } from "next";
import { FlowsPanel } from "@/components/portal/flows/flows-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "IVR flows" };

export default async function FlowsPage() {
  const denied = await notForRole("/flows");
  if (denied) return denied;
  return <FlowsPanel />;
}
