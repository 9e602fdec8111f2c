"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { MessageSquareTextIcon, SearchXIcon, ShieldOffIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { CursorPager, useCursorPages } from "@/components/shared/cursor-pager";
import { QueryStates } from "@/components/shared/query-states";
import { SearchField } from "@/components/shared/search-field";
import { useDebouncedField } from "@/components/shared/use-debounced-field";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { MESSAGE_STATUS_LABEL, MESSAGE_STATUSES } from "@/components/portal/messages/message-status";
import { MessagesTable } from "@/components/portal/messages/messages-table";
import type { MessageStatus } from "@/components/portal/messages/types";
import { useTRPC } from "@/trpc/react";

const PAGE_SIZE = 25;
const ANY = "any";

interface Filters {
  status: MessageStatus | null;
  direction: "inbound" | "outbound" | null;
  address: string;
}
const NONE: Filters = { status: null, direction: null, address: "" };

export function MessagesPanel() {
  const trpc = useTRPC();
  const [filters, setFiltersState] = useState<Filters>(NONE);
  const setFilters = (patch: Partial<Filters>) => setFiltersState((f) => ({ ...f, ...patch }));
  const active = filters.status !== null || filters.direction !== null || filters.address !== "";
  const [address, setAddress] = useDebouncedField(filters.address, (text) => setFilters({ address: text }));
  const pages = useCursorPages(JSON.stringify(filters));
  const { cursor, page } = pages;
  const messages = useQuery(
    trpc.messages.list.queryOptions(
      {
        limit: PAGE_SIZE,
        cursor,
        ...(filters.status ? { status: filters.status.toLowerCase() as Lowercase<MessageStatus> } : {}),
        ...(filters.direction ? { direction: filters.direction } : {}),
        ...(filters.address.trim() ? { address: filters.address.trim() } : {}),
      },
      { placeholderData: keepPreviousData, refetchInterval: 5_000 },
    ),
  );

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Messages"
        description="Every SMS, MMS and email of this workspace, sent and received, newest first."
        actions={
          <Button variant="outline" asChild>
            <Link href="/messages/opt-outs">
              <ShieldOffIcon /> Opt-out list
            </Link>
          </Button>
        }
      />
      <div role="search" aria-label="Filter messages" className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end">
        <div className="grid gap-1.5">
          <Label htmlFor="messages-status" className="text-xs text-muted-foreground">
            Status
          </Label>
          <Select value={filters.status ?? ANY} onValueChange={(v) => setFilters({ status: v === ANY ? null : (v as MessageStatus) })}>
            <SelectTrigger id="messages-status" className="w-full sm:w-36">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any status</SelectItem>
              {MESSAGE_STATUSES.map((s) => (
                <SelectItem key={s} value={s}>
                  {MESSAGE_STATUS_LABEL[s]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="messages-direction" className="text-xs text-muted-foreground">
            Direction
          </Label>
          <Select value={filters.direction ?? ANY} onValueChange={(v) => setFilters({ direction: v === ANY ? null : (v as Filters["direction"]) })}>
            <SelectTrigger id="messages-direction" className="w-full sm:w-36">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any direction</SelectItem>
              <SelectItem value="outbound">Outbound</SelectItem>
              <SelectItem value="inbound">Inbound</SelectItem>
            </SelectContent>
          </Select>
        </div>
        <SearchField id="messages-number" label="Number (from or to)" className="col-span-2 sm:col-span-1" inputMode="tel" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="+15005550100" inputClassName="sm:w-48" />
        {active && (
          <Button variant="ghost" onClick={() => setFiltersState(NONE)} className="col-span-2 justify-self-start sm:col-span-1">
            <XIcon /> Clear filters
          </Button>
        )}
      </div>
      <QueryStates
        query={messages}
        what="messages"
        isEmpty={(p) => p.items.length === 0 && page === 1}
        empty={
          active ? (
            <EmptyState icon={SearchXIcon} title="No messages match these filters" action={<Button variant="outline" onClick={() => setFiltersState(NONE)}>Clear filters</Button>} />
          ) : (
            <EmptyState
              icon={MessageSquareTextIcon}
              title="No messages yet"
              description="Send one with POST /api/v1/messages (or Twilio's Messages.json) from a number with SMS enabled; replies and inbound texts appear here too."
            />
          )
        }
      >
        {(data) => (
          <div className="flex flex-col gap-3">
            <MessagesTable messages={data.items} />
            <CursorPager label="Pages of messages" pages={pages} hasMore={data.hasMore} nextCursor={data.nextCursor} busy={messages.isPlaceholderData} />
          </div>
        )}
      </QueryStates>
    </div>
  );
}
