import type { Metadata } from "next";
import { ConferencesPanel } from "@/components/portal/conferences/conferences-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Conferences" };

export default async function ConferencesPage() {
  const denied = await notForRole("/conferences");
  if (denied) return denied;
  return <ConferencesPanel />;
}
