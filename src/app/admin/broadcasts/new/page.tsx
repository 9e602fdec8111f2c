import type { Metadata } from "next";
import { BroadcastComposer, NEW_BROADCAST } from "@/components/admin/broadcasts/broadcast-composer";
import { BackToBroadcasts } from "@/components/admin/broadcasts/broadcast-page";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New broadcast · Admin" };

export default function NewBroadcastPage() {
  return (
    <div className="flex flex-col gap-4">
      <BackToBroadcasts />
      <PageHeader title="New broadcast" description="Write it, check the preview and the number of recipients, then save it as a draft or send it." className="pb-0" />
      <BroadcastComposer initial={NEW_BROADCAST} />
    </div>
  );
}
