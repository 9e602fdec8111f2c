import type { Metadata } from "next";
import { MessagesPanel } from "@/components/portal/messages/messages-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Messages" };

export default async function MessagesPage() {
  const denied = await notForRole("/messages");
  if (denied) return denied;
  return <MessagesPanel />;
}
