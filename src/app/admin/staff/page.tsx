import type { Metadata } from "next";
import { StaffPanel } from "@/components/admin/staff-panel";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Staff · Admin" };

export default function AdminStaffPage() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Staff" description="Who runs this platform, and what each may do." className="pb-0" />
      <StaffPanel />
    </div>
  );
}
