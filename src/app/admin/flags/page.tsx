import type { Metadata } from "next";
import { FeatureFlagsPanel } from "@/components/admin/feature-flags-panel";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Feature flags · Admin" };

export default function AdminFlagsPage() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Feature flags" description="Turn features on for everyone, a share of tenants, or one tenant." className="pb-0" />
      <FeatureFlagsPanel />
    </div>
  );
}
