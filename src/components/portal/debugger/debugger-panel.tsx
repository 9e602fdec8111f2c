"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { BugIcon, SearchXIcon } from "lucide-react";
import { useMemo } from "react";
import { CursorPager, useCursorPages } from "@/components/shared/cursor-pager";
import { QueryStates } from "@/components/shared/query-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { DebuggerChart } from "@/components/portal/debugger/debugger-chart";
import { DebuggerErrorsTable } from "@/components/portal/debugger/debugger-errors-table";
import { DebuggerFilterBar } from "@/components/portal/debugger/debugger-filter-bar";
import { DEBUGGER_RANGES, toFindDebuggerErrorsInput, useDebuggerFilters } from "@/components/portal/debugger/debugger-filters";
import { useTRPC } from "@/trpc/react";

const PAGE_SIZE = 25;
const HOUR_MS = 3_600_000;

export function DebuggerPanel() {
  const trpc = useTRPC();
  const { filters, setFilters, active, clear } = useDebuggerFilters();
  // The range's start is fixed when the filters change, so the query key stays put between renders.
  const input = useMemo(() => toFindDebuggerErrorsInput(filters, new Date(Date.now() - DEBUGGER_RANGES[filters.range] * HOUR_MS)), [filters]);
  const pages = useCursorPages(JSON.stringify(filters));
  const { cursor, page } = pages;

  const errors = useQuery(trpc.debugger.list.queryOptions({ ...input, limit: PAGE_SIZE, cursor }, { placeholderData: keepPreviousData }));
  const perHour = useQuery(trpc.debugger.perHour.queryOptions(input, { placeholderData: keepPreviousData }));

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Debugger"
        description="Errors of your calls' applications: documents that could not be fetched or read, verbs that could not run, timeouts, speech providers. The caller heard an apology and the call ended cleanly."
      />
      <DebuggerFilterBar filters={filters} onChange={setFilters} active={active} onClear={clear} />
      <Card>
        <CardContent>{perHour.data ? <DebuggerChart hours={perHour.data} /> : <Skeleton className="h-48 w-full" />}</CardContent>
      </Card>
      <QueryStates
        query={errors}
        what="errors"
        isEmpty={(p) => p.items.length === 0 && page === 1}
        empty={
          active ? (
            <EmptyState icon={SearchXIcon} title="No errors match these filters" action={<Button variant="outline" onClick={clear}>Clear filters</Button>} />
          ) : (
            <EmptyState
              icon={BugIcon}
              title="No errors in the last 24 hours"
              description="When a call's document cannot be fetched or run, the error lands here with Twilio's error code, the URL, the verb and the line at fault."
            />
          )
        }
      >
        {(data) => (
          <div className="flex flex-col gap-3">
            <DebuggerErrorsTable errors={data.items} />
            <CursorPager label="Pages of errors" pages={pages} hasMore={data.hasMore} nextCursor={data.nextCursor} busy={errors.isPlaceholderData} />
          </div>
        )}
      </QueryStates>
    </div>
  );
}
