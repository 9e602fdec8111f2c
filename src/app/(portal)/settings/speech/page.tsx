import type { Metadata } from "next";
import { SpeechSettingsPanel } from "@/components/portal/speech/speech-settings-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Speech" };

export default async function SpeechSettingsPage() {
  const denied = await notForRole("/settings/speech");
  if (denied) return denied;
  return <SpeechSettingsPanel />;
}
