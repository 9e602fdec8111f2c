import { InboxIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SoftphonePanel } from "@/components/desktop/softphone-panel";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Agent desktop" };

export default function DesktopPage() {
  return (
    <div className="grid h-full gap-4 p-4 lg:grid-cols-[22rem_1fr]">
      <SoftphonePanel />
      <Card className="min-h-80">
        <CardHeader>
          <CardTitle>Inbox</CardTitle>
          <CardDescription>Calls, messages and chats assigned to you.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-1">
          <EmptyState
            icon={<InboxIcon />}
            title="Your inbox is empty"
            description="New conversations land here when they are routed to you. Set your status to Available to receive them."
            action={
              <Button variant="outline" asChild>
                <Link href="/">Back to the dashboard</Link>
              </Button>
            }
            className="flex-1"
          />
        </CardContent>
      </Card>
    </div>
  );
}
