import type { Metadata } from "next";
import { Suspense } from "react";
import { VoicemailInbox } from "@/components/portal/voicemail/voicemail-inbox";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Voicemail" };

export default async function VoicemailPage() {
  const denied = await notForRole("/voicemail");
  if (denied) return denied;
  // The box filter and the open message live in the address (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense>
      <VoicemailInbox />
    </Suspense>
  );
}
