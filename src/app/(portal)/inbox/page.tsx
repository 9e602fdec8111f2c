import type { Metadata } from "next";
import { InboxNav } from "@/components/portal/inbox/inbox-nav";
import { InboxWorkspace } from "@/components/shared/inbox/inbox-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  const denied = await notForRole("/inbox");
  if (denied) return denied;
  return (
    <div className="flex h-full flex-col gap-4">
      <PageHeader title="Inbox" description="Every conversation of the account, on every channel: assign, filter, resolve in bulk." />
      <InboxNav current="/inbox" />
      <div className="h-[calc(100vh-14rem)] min-h-[32rem]">
        <InboxWorkspace mode="supervisor" />
      </div>
    </div>
  );
}
