import type { Metadata } from "next";
import { SipUsersPanel } from "@/components/portal/sip-users/sip-users-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "SIP users" };

export default async function SipUsersPage() {
  const denied = await notForRole("/sip-users");
  if (denied) return denied;
  return <SipUsersPanel />;
}
