import type { Metadata } from "next";
import { MessageDetail } from "@/components/portal/messages/message-detail";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Message" };

export default async function MessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  const denied = await notForRole("/messages");
  if (denied) return denied;
  const { messageId } = await params;
  return <MessageDetail messageId={messageId} />;
}
