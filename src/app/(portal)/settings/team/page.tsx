import type { Metadata } from "next";
import { TeamManager } from "@/components/portal/team-manager";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const denied = await notForRole("/settings/team");
  if (denied) return denied;
  return <TeamManager />;
}
