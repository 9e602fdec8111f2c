import type { Metadata } from "next";
import { ChannelsPanel } from "@/components/portal/channels/channels-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Channels" };

export default async function ChannelsSettingsPage() {
  const denied = await notForRole("/settings/channels");
  if (denied) return denied;
  return <ChannelsPanel />;
}
