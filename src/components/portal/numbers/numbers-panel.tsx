"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { PhoneIcon, SearchIcon } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { QueryStates } from "@/components/shared/query-states";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { CallerIdsSection } from "@/components/portal/caller-ids/caller-ids-section";
import { VerifyCallerIdDialog } from "@/components/portal/caller-ids/verify-caller-id-dialog";
import { BuyPhoneNumberDialog } from "@/components/portal/numbers/buy-phone-number-dialog";
import { PhoneNumbersTable } from "@/components/portal/numbers/phone-numbers-table";
import { atLeast } from "@/components/portal/role-labels";
import { useTRPC } from "@/trpc/react";

const PAGE_SIZE = 100;

export function NumbersPanel() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search.trim());
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const canManage = atLeast(overview.data?.role ?? "AGENT", "ADMIN");
  const numbers = useQuery(trpc.numbers.list.queryOptions({ limit: PAGE_SIZE, search: deferredSearch || undefined }, { placeholderData: keepPreviousData }));
  const searching = deferredSearch !== "";
  const forbidden = numbers.error?.data?.code === "FORBIDDEN";

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Phone numbers"
        description="The numbers your workspace places and receives calls on, with where their calls and messages go. Buy one from the platform's carrier, or verify a number you own to call from it."
        actions={canManage ? <BuyPhoneNumberDialog /> : undefined}
      />
      <div className={forbidden ? "hidden" : "relative max-w-sm"}>
        <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search numbers or names" aria-label="Search phone numbers" className="pl-8" />
      </div>
      {forbidden ? (
        <EmptyState icon={PhoneIcon} title="Your role does not include phone numbers" description="Supervisors, developers, admins and owners of this workspace see its numbers." />
      ) : (
        <QueryStates
          query={numbers}
          what="phone numbers"
          isEmpty={(page) => page.items.length === 0}
          empty={
            searching ? (
              <EmptyState icon={SearchIcon} title="No matching numbers" description={`Nothing matches "${deferredSearch}". Try other digits or part of a name.`} />
            ) : (
              <EmptyState
                icon={PhoneIcon}
                title="No phone numbers yet"
                description={
                  canManage
                    ? "Buy a number to place calls from it and route calls to it, or verify a number you already own as a caller ID."
                    : "An owner or admin of this workspace can buy numbers and verify caller IDs."
                }
                action={
                  canManage ? (
                    <span className="flex flex-wrap justify-center gap-2">
                      <BuyPhoneNumberDialog label="Buy your first number" />
                      <VerifyCallerIdDialog />
                    </span>
                  ) : undefined
                }
              />
            )
          }
        >
          {(page) => (
            <>
              <PhoneNumbersTable numbers={page.items} />
              {page.hasMore && <p className="text-sm text-muted-foreground">Showing the {PAGE_SIZE} newest numbers; search to find others.</p>}
            </>
          )}
        </QueryStates>
      )}
      {!forbidden && <CallerIdsSection canManage={canManage} />}
    </div>
  );
}
