"use client";

import { useQuery } from "@tanstack/react-query";
import { PhoneIcon } from "lucide-react";
import { QueryStates } from "@/components/shared/query-states";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CreateSipUserDialog } from "@/components/portal/sip-users/create-sip-user-dialog";
import { SipUsersTable } from "@/components/portal/sip-users/sip-users-table";
import { useTRPC } from "@/trpc/react";

const PAGE_SIZE = 100;

export function SipUsersPanel() {
  const trpc = useTRPC();
  const sipUsers = useQuery(trpc.sipUsers.list.queryOptions({ limit: PAGE_SIZE }));

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="SIP users"
        description="Logins for your agents' phones and softphones. Each registers with its own username and password in your workspace's SIP domain."
        actions={<CreateSipUserDialog />}
      />
      <QueryStates
        query={sipUsers}
        what="SIP users"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState
            icon={PhoneIcon}
            title="No SIP users yet"
            description="Add a SIP user for each phone or softphone that should make and take calls through IRISX."
            action={<CreateSipUserDialog />}
          />
        }
      >
        {(page) => (
          <>
            <SipUsersTable sipUsers={page.items} />
            {page.hasMore && <p className="text-sm text-muted-foreground">Showing the {PAGE_SIZE} newest SIP users.</p>}
          </>
        )}
      </QueryStates>
    </div>
  );
}
