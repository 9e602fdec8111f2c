"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, ShieldOffIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { CursorPager, useCursorPages } from "@/components/shared/cursor-pager";
import { QueryStates } from "@/components/shared/query-states";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { atLeast } from "@/components/portal/role-labels";
import { formatDateTime } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";
import { useTRPC } from "@/trpc/react";

export function SuppressionList() {
  const trpc = useTRPC();
  const pages = useCursorPages("suppressions");
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const canEdit = atLeast(overview.data?.role ?? "AGENT", "ADMIN");
  const list = useQuery(trpc.messages.suppressions.queryOptions({ cursor: pages.cursor, limit: 25 }, { placeholderData: keepPreviousData }));
  const [address, setAddress] = useState("");
  const [note, setNote] = useState("");
  const invalidate = [trpc.messages.suppressions.queryKey()];
  const add = useToastMutation(trpc.messages.addSuppression.mutationOptions(), { success: (row) => `${formatPhoneNumber(row.address)} will receive no messages`, invalidate });
  const remove = useToastMutation(trpc.messages.removeSuppression.mutationOptions(), { success: "Removed from the opt-out list", invalidate });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ address: address.trim(), note }, { onSuccess: () => (setAddress(""), setNote("")) });
  };

  return (
    <div className="flex flex-col gap-4">
      <Button variant="ghost" asChild className="self-start">
        <Link href="/messages">
          <ArrowLeftIcon /> Messages
        </Link>
      </Button>
      <PageHeader
        title="Opt-out list"
        description="Numbers that replied STOP (or were added here) get no messages from this workspace: a send to one is refused with error 21610. START from the number, or removing it here, lets messages through again."
      />
      {canEdit && (
        <Card>
          <CardHeader>
            <CardTitle>Add a number</CardTitle>
            <CardDescription>For a recipient who asked by other means (a call, an e-mail) to get no more messages.</CardDescription>
          </CardHeader>
          <CardContent>
            <form onSubmit={submit} className="grid gap-3 sm:flex sm:items-end">
              <div className="grid gap-1.5">
                <Label htmlFor="suppression-address">Phone number</Label>
                <Input id="suppression-address" inputMode="tel" placeholder="+14155550123" value={address} onChange={(e) => setAddress(e.target.value)} required className="sm:w-48" aria-invalid={add.error ? true : undefined} />
              </div>
              <div className="grid gap-1.5 sm:flex-1">
                <Label htmlFor="suppression-note">Note (optional)</Label>
                <Input id="suppression-note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} placeholder="Asked on a call, 4 Dec" />
              </div>
              <Button type="submit" disabled={add.isPending || !address.trim()}>
                Add to opt-out list
              </Button>
            </form>
            {add.error && (
              <p role="alert" className="mt-2 text-sm text-destructive">
                {add.error.message}
              </p>
            )}
          </CardContent>
        </Card>
      )}
      <QueryStates
        query={list}
        what="the opt-out list"
        isEmpty={(p) => p.items.length === 0 && pages.page === 1}
        empty={<EmptyState icon={ShieldOffIcon} title="Nobody has opted out" description="Numbers that reply STOP, UNSUBSCRIBE, CANCEL, END or QUIT appear here." />}
      >
        {(data) => (
          <div className="flex flex-col gap-3">
            <Table aria-label="Opted-out numbers">
              <TableHeader>
                <TableRow>
                  <TableHead>Number</TableHead>
                  <TableHead>How</TableHead>
                  <TableHead className="hidden sm:table-cell">Since</TableHead>
                  {canEdit && <TableHead className="text-right">Remove</TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell className="font-medium tabular-nums">{formatPhoneNumber(s.address)}</TableCell>
                    <TableCell>
                      {s.source === "keyword" ? `Replied ${s.keyword ?? "STOP"}` : "Added by hand"}
                      {s.note && <span className="block text-xs text-muted-foreground">{s.note}</span>}
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap sm:table-cell">{formatDateTime(s.createdAt)}</TableCell>
                    {canEdit && (
                      <TableCell className="text-right">
                        <Button variant="ghost" size="icon" aria-label={`Remove ${s.address} from the opt-out list`} disabled={remove.isPending} onClick={() => remove.mutate({ suppressionId: s.id })}>
                          <Trash2Icon />
                        </Button>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <CursorPager label="Pages of the opt-out list" pages={pages} hasMore={data.hasMore} nextCursor={data.nextCursor} busy={list.isPlaceholderData} />
          </div>
        )}
      </QueryStates>
    </div>
  );
}
