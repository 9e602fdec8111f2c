"use client";

// The incoming call, over the whole desktop: who calls (the matched contact's name and company, else the SIP caller
// ID), their number, the queue they waited in and for how long (counting on while it rings), and who sent it when a
// colleague transferred it or consults about their caller (agents.myOffer). Answer is focused (Enter, Alt+A); Decline
// or Escape refuses. Ringing from outside the ACD shows the SIP caller ID alone.
import { useQuery } from "@tanstack/react-query";
import { ClockIcon, ListOrderedIcon, PhoneIcon, PhoneOffIcon, UserRoundIcon, UsersIcon } from "lucide-react";
import { formatDuration, useNow } from "@/components/shared/agent-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useTRPC } from "@/trpc/react";

export function IncomingCallDialog({ ringing, remote, remoteName, onAnswer, onDecline }: { ringing: boolean; remote: string; remoteName: string; onAnswer: () => void; onDecline: () => void }) {
  const trpc = useTRPC();
  // The agent's state turns ringing a moment before or after the INVITE: asked again until the offer is known.
  const offer = useQuery({ ...trpc.agents.myOffer.queryOptions(), enabled: ringing, refetchInterval: (q) => (ringing && !q.state.data ? 1000 : false) });
  const o = ringing ? offer.data : null;
  const name = o?.contact?.name ?? (remoteName && remoteName !== remote ? remoteName : null);
  const number = o?.number ?? remote;
  return (
    <Dialog open={ringing} onOpenChange={(open) => !open && onDecline()}>
      <DialogContent className="sm:max-w-lg" data-testid="softphone-incoming">
        <DialogHeader className="items-center text-center sm:text-center">
          <div className="mb-2 flex size-16 items-center justify-center rounded-full bg-primary/10 text-primary motion-safe:animate-pulse" aria-hidden>
            <PhoneIcon className="size-8" />
          </div>
          <DialogTitle className="text-sm font-medium uppercase tracking-wide text-muted-foreground">
            {o?.kind === "transfer" ? "Transferred call" : o?.kind === "consult" ? "Consultation" : "Incoming call"}
          </DialogTitle>
          <DialogDescription className="text-3xl font-semibold text-foreground" data-testid="softphone-incoming-name">
            {name ?? number}
          </DialogDescription>
          {name && (
            <p className="font-mono text-lg text-muted-foreground" data-testid="softphone-incoming-number">
              {number}
            </p>
          )}
        </DialogHeader>
        {o && (
          <dl className="grid grid-cols-1 gap-2 rounded-md border bg-muted/40 p-3 text-sm sm:grid-cols-2" data-testid="softphone-incoming-details">
            {o.contact && (
              <div className="flex items-start gap-2 sm:col-span-2">
                <UserRoundIcon className="mt-0.5 size-4 text-muted-foreground" aria-hidden />
                <dt className="sr-only">Contact</dt>
                <dd className="min-w-0">
                  <a href={`/contacts/${o.contact.id}`} target="_blank" rel="noreferrer" className="font-medium underline-offset-2 hover:underline">
                    {o.contact.name}
                  </a>
                  {o.contact.company && <span className="text-muted-foreground"> · {o.contact.company}</span>}
                  {o.contact.tags.length > 0 && (
                    <span className="ml-1 inline-flex flex-wrap gap-1 align-middle">
                      {o.contact.tags.slice(0, 4).map((t) => (
                        <Badge key={t} variant="secondary">
                          {t}
                        </Badge>
                      ))}
                    </span>
                  )}
                </dd>
              </div>
            )}
            {o.queueName && (
              <div className="flex items-center gap-2">
                <ListOrderedIcon className="size-4 text-muted-foreground" aria-hidden />
                <dt className="text-muted-foreground">Queue</dt>
                <dd className="font-medium" data-testid="softphone-incoming-queue">
                  {o.queueName}
                </dd>
              </div>
            )}
            {o.waitingSince && (
              <div className="flex items-center gap-2">
                <ClockIcon className="size-4 text-muted-foreground" aria-hidden />
                <dt className="text-muted-foreground">Waited</dt>
                <dd className="font-medium tabular-nums" data-testid="softphone-incoming-waited">
                  <Waited since={o.waitingSince} />
                </dd>
              </div>
            )}
            {o.fromAgent && (
              <div className="flex items-center gap-2 sm:col-span-2">
                <UsersIcon className="size-4 text-muted-foreground" aria-hidden />
                <dt className="text-muted-foreground">{o.kind === "consult" ? "Consult from" : "Transferred by"}</dt>
                <dd className="font-medium" data-testid="softphone-incoming-from-agent">
                  {o.fromAgent}
                </dd>
              </div>
            )}
          </dl>
        )}
        <DialogFooter className="grid grid-cols-2 gap-3 sm:flex sm:justify-between">
          <Button variant="destructive" size="lg" onClick={onDecline}>
            <PhoneOffIcon /> Decline
          </Button>
          <Button size="lg" onClick={onAnswer} autoFocus>
            <PhoneIcon /> Answer (Alt+A)
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** The caller's wait, counting on: it ticks only while the modal shows it. */
function Waited({ since }: { since: Date | string }) {
  const now = useNow();
  return <>{formatDuration((now - new Date(since).getTime()) / 1000)}</>;
}
