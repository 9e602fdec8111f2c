import type { Metadata } from "next";
import { BroadcastsList, NewBroadcastButton } from "@/components/admin/broadcasts/broadcasts-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Broadcasts · Admin" };

export default function AdminBroadcastsPage() {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Broadcasts" description="Email tenant owners, or a segment of them, through Resend; follow each recipient's delivery." className="pb-0" actions={<NewBroadcastButton />} />
      <BroadcastsList />
    </div>
  );
}
