import type { Metadata } from "next";
import { CallDetail } from "@/components/portal/calls/call-detail";

export const metadata: Metadata = { title: "Call" };

export default async function CallPage({ params }: { params: Promise<{ callId: string }> }) {
  const { callId } = await params;
  return <CallDetail callId={callId} />;
}
