"use client";

import { Fact } from "@/components/shared/fact";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, MicIcon, MicOffIcon, PauseIcon, PlayIcon, UserMinusIcon, UsersRoundIcon } from "lucide-react";
import Link from "next/link";
import { QueryStates } from "@/components/shared/query-states";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ConferenceStatusBadge, ParticipantStatusBadge, REASON_ENDED } from "@/components/portal/conferences/conference-status";
import type { ConferenceRow, ParticipantRow } from "@/components/portal/conferences/types";
import { atLeast } from "@/components/portal/role-labels";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

/** A live room is read again this often. */
const LIVE_REFRESH_MS = 2_000;

export function ConferenceDetail({ conferenceId }: { conferenceId: string }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const role = overview.data?.role ?? "AGENT";
  const canControl = atLeast(role, "SUPERVISOR") || role === "DEVELOPER";
  const conference = useQuery(
    trpc.conferences.get.queryOptions({ conferenceId }, { refetchInterval: (q) => (q.state.data && q.state.data.status !== "COMPLETED" ? LIVE_REFRESH_MS : false) }),
  );
  const live = conference.data !== undefined && conference.data.status !== "COMPLETED";
  const participants = useQuery(trpc.conferences.participants.queryOptions({ conferenceId, limit: 100 }, { refetchInterval: live ? LIVE_REFRESH_MS : false }));

  return (
    <div className="flex flex-col gap-4">
      <Link href="/conferences" className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> Conferences
      </Link>
      <QueryStates query={conference} what="the conference">
        {(c) => (
          <>
            <PageHeader
              title={c.friendlyName}
              description={
                <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <ConferenceStatusBadge status={c.status} />
                  <span className="font-mono text-xs">{c.id}</span>
                </span>
              }
              actions={canControl && live ? <EndConferenceButton conference={c} /> : undefined}
            />
            <dl className="grid grid-cols-2 gap-4 rounded-lg border p-4 sm:grid-cols-4">
              <Fact label="Opened">{formatDateTime(c.createdAt)}</Fact>
              <Fact label="Started">{c.startedAt ? formatDateTime(c.startedAt) : "Waiting for a host"}</Fact>
              <Fact label={live ? "In the room" : "Ended"}>{live ? c.participantCount : c.endedAt ? formatDateTime(c.endedAt) : "—"}</Fact>
              <Fact label="Why it ended">{c.reasonEnded ? (REASON_ENDED[c.reasonEnded] ?? c.reasonEnded) : live ? "Running" : "—"}</Fact>
            </dl>
          </>
        )}
      </QueryStates>
      <h2 className="text-base font-semibold">Participants</h2>
      <QueryStates
        query={participants}
        what="participants"
        isEmpty={(p) => p.items.length === 0}
        empty={<EmptyState icon={UsersRoundIcon} title="Nobody has joined yet" description="Callers appear here as they join the room, and stay listed after they leave." />}
      >
        {(data) => (
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Call</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="hidden sm:table-cell">Joined</TableHead>
                  {canControl && live && <TableHead className="hidden text-right md:table-cell">Actions</TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell>
                      <span className="flex flex-col gap-1">
                        <Link href={`/calls/${p.callId}`} className="font-mono text-xs underline-offset-4 hover:underline">
                          {p.callId}
                        </Link>
                        <span className="flex flex-wrap gap-1">
                          {p.label && <Badge variant="outline">{p.label}</Badge>}
                          {p.muted && <Badge variant="warning">Muted</Badge>}
                          {p.hold && <Badge variant="warning">On hold</Badge>}
                          {p.coaching && <Badge variant="info">Coach</Badge>}
                          {p.endConferenceOnExit && <Badge variant="secondary">Host</Badge>}
                        </span>
                        {/* Narrow screens have no actions column: the buttons go under the call. */}
                        {canControl && live && p.status === "CONNECTED" && (
                          <span className="md:hidden">
                            <ParticipantActions conferenceId={conferenceId} participant={p} />
                          </span>
                        )}
                      </span>
                    </TableCell>
                    <TableCell>
                      <ParticipantStatusBadge status={p.status} />
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap sm:table-cell">{p.joinedAt ? formatDateTime(p.joinedAt) : "—"}</TableCell>
                    {canControl && live && (
                      <TableCell className="hidden text-right md:table-cell">{p.status === "CONNECTED" && <ParticipantActions conferenceId={conferenceId} participant={p} />}</TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </QueryStates>
    </div>
  );
}

function ParticipantActions({ conferenceId, participant: p }: { conferenceId: string; participant: ParticipantRow }) {
  const trpc = useTRPC();
  const invalidate = [trpc.conferences.participants.queryKey({ conferenceId, limit: 100 }), trpc.conferences.get.queryKey({ conferenceId })];
  const update = useToastMutation(trpc.conferences.updateParticipant.mutationOptions(), { invalidate });
  const remove = useToastMutation(trpc.conferences.removeParticipant.mutationOptions(), { success: "Removed from the room", invalidate });
  const busy = update.isPending || remove.isPending;
  return (
    <span className="inline-flex flex-wrap gap-1 md:justify-end">
      <Button variant="outline" size="sm" disabled={busy} onClick={() => update.mutate({ conferenceId, callId: p.callId, muted: !p.muted })}>
        {p.muted ? <MicIcon /> : <MicOffIcon />} {p.muted ? "Unmute" : "Mute"}
      </Button>
      <Button variant="outline" size="sm" disabled={busy} onClick={() => update.mutate({ conferenceId, callId: p.callId, hold: !p.hold })}>
        {p.hold ? <PlayIcon /> : <PauseIcon />} {p.hold ? "Resume" : "Hold"}
      </Button>
      <Button variant="outline" size="sm" className="text-destructive hover:text-destructive" disabled={busy} onClick={() => remove.mutate({ conferenceId, callId: p.callId })}>
        <UserMinusIcon /> Remove
      </Button>
    </span>
  );
}

function EndConferenceButton({ conference }: { conference: ConferenceRow }) {
  const trpc = useTRPC();
  const end = useToastMutation(trpc.conferences.end.mutationOptions(), {
    success: "Ending the conference",
    invalidate: [trpc.conferences.get.queryKey({ conferenceId: conference.id })],
  });
  const ending = conference.reasonEnded === "conference-ended-via-api";
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" className="text-destructive hover:text-destructive" disabled={end.isPending || ending}>
          {ending ? "Ending…" : "End conference"}
        </Button>
      }
      title={`End ${conference.friendlyName}?`}
      description="Everyone leaves the room at once; each call goes on with what its document says after the conference."
      cancelLabel="Keep it running"
      confirmLabel="End conference"
      destructive
      pending={end.isPending}
      onConfirm={() => end.mutate({ conferenceId: conference.id })}
    />
  );
}
