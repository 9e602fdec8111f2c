import type { Metadata } from "next";
import { BroadcastPage } from "@/components/admin/broadcasts/broadcast-page";

export const metadata: Metadata = { title: "Broadcast · Admin" };

export default async function AdminBroadcastPage({ params }: { params: Promise<{ broadcastId: string }> }) {
  const { broadcastId } = await params;
  return <BroadcastPage broadcastId={broadcastId} />;
}
