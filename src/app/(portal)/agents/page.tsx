import type { Metadata } from "next";
import { AgentsGrid } from "@/components/portal/contact-centre/agents-grid";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const denied = await notForRole("/agents");
  if (denied) return denied;
  return <AgentsGrid />;
}
