import type { Metadata } from "next";
import { SystemHealthPanel } from "@/components/admin/system-health-panel";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "System health · Admin" };

export default function AdminHealthPage() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="System health" description="The database, the workers and their switch link, calls now, webhooks and jobs; their history, API traffic and the latest failures." className="pb-0" />
      <SystemHealthPanel />
    </div>
  );
}
