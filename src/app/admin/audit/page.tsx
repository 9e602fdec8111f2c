import type { Metadata } from "next";
import { PlatformAuditViewer } from "@/components/admin/platform-audit-viewer";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit log · Admin" };

export default function AdminAuditPage() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Audit log" description="Every staff, impersonation and tenant-admin action, across the platform." className="pb-0" />
      <PlatformAuditViewer />
    </div>
  );
}
