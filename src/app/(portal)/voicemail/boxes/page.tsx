import type { Metadata } from "next";
import { VoicemailBoxesPanel } from "@/components/portal/voicemail/voicemail-boxes-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Voicemail boxes" };

export default async function VoicemailBoxesPage() {
  const denied = await notForRole("/voicemail");
  if (denied) return denied;
  return <VoicemailBoxesPanel />;
}
