import type { Metadata } from "next";
import { getCurrentMember } from "@/app/_lib/current-member";
import { CallQueueSettings } from "@/components/portal/call-queue-settings";
import { GeneralSettings } from "@/components/portal/general-settings";
import { RecordingRetentionSettings } from "@/components/portal/recording-retention-settings";
import { notForRole } from "@/app/_lib/portal-gate";
import { TwoFactorSettings } from "@/components/shared/two-factor-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage() {
  const denied = await notForRole("/settings/general");
  if (denied) return denied;
  // The portal layout already loaded this (and turned away anyone without a workspace); cache() shares it.
  const context = await getCurrentMember();
  return (
    <div className="flex flex-col gap-6">
      <GeneralSettings email={context?.user.email ?? ""} emailVerified={context?.user.emailVerified ?? false} />
      <CallQueueSettings />
      <RecordingRetentionSettings />
      <TwoFactorSettings />
    </div>
  );
}
