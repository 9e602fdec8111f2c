"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { UsersRoundIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { QueryStates } from "@/components/shared/query-states";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ConferenceStatusBadge, REASON_ENDED } from "@/components/portal/conferences/conference-status";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

const PAGE_SIZE = 25;
/** How often the live rooms are read again. */
const LIVE_REFRESH_MS = 3_000;

type View = "live" | "past";

export function ConferencesPanel() {
  const trpc = useTRPC();
  const [view, setView] = useState<View>("live");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const input = view === "live" ? { live: true, limit: PAGE_SIZE, cursor } : { status: "COMPLETED" as const, limit: PAGE_SIZE, cursor };
  const rooms = useQuery(trpc.conferences.list.queryOptions(input, { placeholderData: keepPreviousData, refetchInterval: view === "live" ? LIVE_REFRESH_MS : false }));
  const page = cursors.length;
  const show = (next: View) => {
    setView(next);
    setCursors([null]);
  };

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Conferences" description="Rooms callers join with <Dial><Conference>, and the participants in them. Live rooms refresh every few seconds." />
      <Tabs value={view} onValueChange={(v) => show(v as View)}>
        <TabsList aria-label="Which rooms">
          <TabsTrigger value="live">Live</TabsTrigger>
          <TabsTrigger value="past">Past</TabsTrigger>
        </TabsList>
      </Tabs>
      <QueryStates
        query={rooms}
        what="conferences"
        isEmpty={(p) => p.items.length === 0 && page === 1}
        empty={
          <EmptyState
            icon={UsersRoundIcon}
            title={view === "live" ? "No conference is running" : "No past conferences"}
            description={
              view === "live"
                ? "A room opens when a call's document dials a conference, e.g. <Dial><Conference>standup</Conference></Dial>, or when the API adds a participant to one."
                : "Rooms appear here once they end, with who was in them and why they ended."
            }
          />
        }
      >
        {(data) => (
          <div className="flex flex-col gap-3">
            <div className="overflow-x-auto rounded-lg border">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Room</TableHead>
                    <TableHead>Status</TableHead>
                    <TableHead className="hidden text-right sm:table-cell">In the room</TableHead>
                    <TableHead className="hidden sm:table-cell">Started</TableHead>
                    <TableHead className="hidden md:table-cell">{view === "live" ? "Opened" : "Ended"}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.items.map((c) => (
                    <TableRow key={c.id} className="relative">
                      <TableCell>
                        <Link
                          href={`/conferences/${c.id}`}
                          className="flex flex-col rounded-sm outline-none after:absolute after:inset-0 after:content-[''] focus-visible:ring-[3px] focus-visible:ring-ring/50"
                        >
                          <span className="font-medium">{c.friendlyName}</span>
                          <span className="font-mono text-xs text-muted-foreground">{c.id}</span>
                          {/* Narrow screens have no count column. */}
                          <span className="text-xs text-muted-foreground sm:hidden">{c.participantCount} in the room</span>
                        </Link>
                      </TableCell>
                      <TableCell>
                        <ConferenceStatusBadge status={c.status} />
                      </TableCell>
                      <TableCell className="hidden text-right tabular-nums sm:table-cell">{c.participantCount}</TableCell>
                      <TableCell className="hidden whitespace-nowrap sm:table-cell">{c.startedAt ? formatDateTime(c.startedAt) : "Not yet"}</TableCell>
                      <TableCell className="hidden md:table-cell">
                        {view === "live" ? (
                          <span className="whitespace-nowrap">{formatDateTime(c.createdAt)}</span>
                        ) : (
                          <span className="flex flex-col">
                            <span className="whitespace-nowrap">{c.endedAt ? formatDateTime(c.endedAt) : "—"}</span>
                            {c.reasonEnded && <span className="text-xs text-muted-foreground">{REASON_ENDED[c.reasonEnded] ?? c.reasonEnded}</span>}
                          </span>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            {(page > 1 || data.hasMore) && (
              <nav aria-label="Pages of conferences" className="flex items-center justify-end gap-3 text-sm">
                <span className="text-muted-foreground tabular-nums">Page {page}</span>
                <Button variant="outline" size="sm" disabled={page === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                  Previous
                </Button>
                <Button variant="outline" size="sm" disabled={!data.hasMore} onClick={() => setCursors([...cursors, data.nextCursor])}>
                  Next
                </Button>
              </nav>
            )}
          </div>
        )}
      </QueryStates>
    </div>
  );
}
