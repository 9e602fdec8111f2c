import type { Metadata } from "next";
import { ConferenceDetail } from "@/components/portal/conferences/conference-detail";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Conference" };

export default async function ConferencePage({ params }: { params: Promise<{ conferenceId: string }> }) {
  const denied = await notForRole("/conferences");
  if (denied) return denied;
  const { conferenceId } = await params;
  return <ConferenceDetail conferenceId={conferenceId} />;
}
