"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { PhoneCallIcon, SearchXIcon } from "lucide-react";
import { CursorPager, useCursorPages } from "@/components/shared/cursor-pager";
import { QueryStates } from "@/components/shared/query-states";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CallFilterBar } from "@/components/portal/calls/call-filter-bar";
import { toFindCallsInput, useCallFilters } from "@/components/portal/calls/call-filters";
import { CallsTable } from "@/components/portal/calls/calls-table";
import { LiveIndicator } from "@/components/portal/calls/live-indicator";
import { TestCallDialog } from "@/components/portal/calls/test-call-dialog";
import { useLiveCalls } from "@/components/portal/calls/use-live-calls";
import { atLeast } from "@/components/portal/role-labels";
import { useTRPC } from "@/trpc/react";

const PAGE_SIZE = 25;

export function CallsPanel({ simulated }: { simulated: boolean }) {
  const trpc = useTRPC();
  const { filters, setFilters, active, clear } = useCallFilters();
  // Cursor paging; a new filter starts over.
  const pages = useCursorPages(JSON.stringify(filters));
  const { cursor, page } = pages;

  const overview = useQuery(trpc.tenant.current.queryOptions());
  const role = overview.data?.role ?? "AGENT";
  const canCall = atLeast(role, "SUPERVISOR") || role === "DEVELOPER";
  const calls = useQuery(trpc.calls.list.queryOptions({ ...toFindCallsInput(filters), limit: PAGE_SIZE, cursor }, { placeholderData: keepPreviousData }));
  const live = useLiveCalls();

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Calls"
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>Every call of this workspace, newest first.</span>
            <LiveIndicator state={live} />
          </span>
        }
        actions={canCall ? <TestCallDialog simulated={simulated} /> : undefined}
      />
      <CallFilterBar filters={filters} onChange={setFilters} active={active} onClear={clear} />
      <QueryStates
        query={calls}
        what="calls"
        isEmpty={(p) => p.items.length === 0 && page === 1}
        empty={
          active ? (
            <EmptyState icon={SearchXIcon} title="No calls match these filters" action={<Button variant="outline" onClick={clear}>Clear filters</Button>} />
          ) : (
            <EmptyState
              icon={PhoneCallIcon}
              title="No calls yet"
              description={
                canCall
                  ? "Place a test call to hear IRISX speak, or create calls through the API. Calls appear here as they happen."
                  : "Calls placed and received by this workspace appear here as they happen."
              }
              action={canCall ? <TestCallDialog simulated={simulated} /> : undefined}
            />
          )
        }
      >
        {(data) => (
          <div className="flex flex-col gap-3">
            <CallsTable calls={data.items} />
            <CursorPager label="Pages of calls" pages={pages} hasMore={data.hasMore} nextCursor={data.nextCursor} busy={calls.isPlaceholderData} />
          </div>
        )}
      </QueryStates>
    </div>
  );
}
