import type { Metadata } from "next";
import { SendingDomainsPanel } from "@/components/portal/sending-domains/sending-domains-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Sending domains" };

export default async function SendingDomainsPage() {
  const denied = await notForRole("/settings/sending-domains");
  if (denied) return denied;
  return <SendingDomainsPanel />;
}
