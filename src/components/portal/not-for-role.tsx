import { LockIcon } from "lucide-react";
import Link from "next/link";
import { ROLE_LABELS } from "@/components/portal/role-labels";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown instead of a portal page the member's role may not use (opened by address or an old link). */
export function NotForRole({ role, home }: { role: string; home: string }) {
  return (
    <EmptyState
      icon={<LockIcon />}
      title="This page is not part of your role"
      description={`As ${ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role.toLowerCase()} in this workspace, you cannot use this page. An admin of the workspace can change your role under Team.`}
      action={
        <Button asChild>
          <Link href={home}>{home === "/desktop" ? "Go to the agent desktop" : "Go to the dashboard"}</Link>
        </Button>
      }
      className="min-h-80"
    />
  );
}
