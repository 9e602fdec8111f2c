import type { Metadata } from "next";
import { AgentStatusBar } from "@/components/desktop/agent-status-bar";
import { CallHistory } from "@/components/desktop/call-history";
import { SoftphonePanel } from "@/components/desktop/softphone/softphone-panel";
import { InboxWorkspace } from "@/components/shared/inbox/inbox-workspace";

export const metadata: Metadata = { title: "Agent desktop" };

export default function DesktopPage() {
  return (
    <div className="grid h-full content-start gap-4 p-4 lg:grid-cols-[22rem_1fr]">
      <div className="lg:col-span-2">
        <AgentStatusBar />
      </div>
      <div className="flex flex-col gap-4">
        <SoftphonePanel />
        <CallHistory />
      </div>
      <div className="flex min-h-0 flex-col gap-2">
        <div className="min-h-0 flex-1 lg:h-[calc(100vh-12rem)]">
          <InboxWorkspace mode="agent" />
        </div>
      </div>
    </div>
  );
}
