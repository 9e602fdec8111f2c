import type { Metadata } from "next";
import { TwoFactorSettings } from "@/components/shared/two-factor-settings";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Security · Admin" };

export default function AdminSecurityPage() {
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title="Security" description="Your second factor and recovery codes." className="pb-0" />
      <TwoFactorSettings />
    </div>
  );
}
