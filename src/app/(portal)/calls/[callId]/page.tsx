import type { Metadata } from "next";
import { CallDetail } from "@/components/portal/calls/call-detail";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Call" };

export default async function CallPage({ params }: { params: Promise<{ callId: string }> }) {
  const denied = await notForRole("/calls");
  if (denied) return denied;
  const { callId } = await params;
  return <CallDetail callId={callId} />;
}
