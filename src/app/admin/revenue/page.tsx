import type { Metadata } from "next";
import { PlatformRevenuePanel } from "@/components/admin/revenue/platform-revenue-panel";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Usage and revenue · Admin" };

export default function AdminRevenuePage() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Usage and revenue" description="Calls, minutes, tenants and revenue across the platform, day by day; MRR and the top tenants." className="pb-0" />
      <PlatformRevenuePanel />
    </div>
  );
}
