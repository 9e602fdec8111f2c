import type { Metadata } from "next";
import { SipUsersPanel } from "@/components/portal/sip-users/sip-users-panel";

export const metadata: Metadata = { title: "SIP users" };

export default function SipUsersPage() {
  return <SipUsersPanel />;
}
