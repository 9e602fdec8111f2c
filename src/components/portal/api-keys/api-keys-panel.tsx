"use client";

import { useQuery } from "@tanstack/react-query";
import { KeyRoundIcon } from "lucide-react";
import Link from "next/link";
import { QueryStates } from "@/components/shared/query-states";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ApiKeysTable } from "@/components/portal/api-keys/api-keys-table";
import { CreateApiKeyDialog } from "@/components/portal/api-keys/create-api-key-dialog";
import { useTRPC } from "@/trpc/react";

const PAGE_SIZE = 100;

export function ApiKeysPanel() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions({ limit: PAGE_SIZE }));

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="API keys"
        description={
          <>
            Keys authenticate calls to the REST API. Each key is scoped and can be revoked at any time.{" "}
            <Link href="/developers/api" className="font-medium text-foreground underline-offset-4 hover:underline">
              API reference
            </Link>
          </>
        }
        actions={<CreateApiKeyDialog />}
      />
      <QueryStates
        query={keys}
        what="API keys"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState
            icon={KeyRoundIcon}
            title="No API keys yet"
            description="Create a key to call the IRISX API from your servers: place calls, read your account, manage webhooks."
            action={<CreateApiKeyDialog />}
          />
        }
      >
        {(page) => (
          <>
            <ApiKeysTable keys={page.items} />
            {page.hasMore && <p className="text-sm text-muted-foreground">Showing the {PAGE_SIZE} newest keys.</p>}
          </>
        )}
      </QueryStates>
    </div>
  );
}
