"use client";

import { useQuery } from "@tanstack/react-query";
import { PhoneOutgoingIcon } from "lucide-react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { QueryStates } from "@/components/shared/query-states";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { VerifyCallerIdDialog } from "@/components/portal/caller-ids/verify-caller-id-dialog";
import { formatDate } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";
import { useTRPC } from "@/trpc/react";

const STATUS: Record<"verified" | "pending" | "unverified", { label: string; variant: "secondary" | "outline" }> = {
  verified: { label: "Verified", variant: "secondary" },
  pending: { label: "Code sent", variant: "outline" },
  unverified: { label: "Not verified", variant: "outline" },
};

/** The workspace's caller IDs: numbers it may call from without holding them here. */
export function CallerIdsSection({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.callerIds.list.queryOptions({ limit: 100 }));
  const remove = useToastMutation(trpc.callerIds.delete.mutationOptions(), {
    success: (c) => `${formatPhoneNumber(c.phoneNumber)} removed`,
    invalidate: [trpc.callerIds.list.queryKey(), trpc.numbers.list.queryKey()],
  });
  return (
    <section aria-labelledby="caller-ids-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id="caller-ids-heading" className="text-lg font-semibold">
            Verified caller IDs
          </h2>
          <p className="text-sm text-muted-foreground">Numbers you own elsewhere that your calls may show, proven by a call that says a code.</p>
        </div>
        {canManage && <VerifyCallerIdDialog />}
      </div>
      <QueryStates
        query={list}
        what="caller IDs"
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState icon={PhoneOutgoingIcon} title="No caller IDs yet" description={canManage ? "Verify your office line or mobile to call from it." : "An owner or admin can verify caller IDs."} />}
      >
        {(page) => (
          <div className="rounded-md border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Number</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="hidden sm:table-cell">Verified</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.items.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>
                      <span className="flex flex-col">
                        <span className="font-medium tabular-nums">{formatPhoneNumber(c.phoneNumber)}</span>
                        {c.friendlyName && <span className="text-xs text-muted-foreground">{c.friendlyName}</span>}
                      </span>
                    </TableCell>
                    <TableCell>
                      <Badge variant={STATUS[c.status].variant}>{STATUS[c.status].label}</Badge>
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">{c.verifiedAt ? formatDate(c.verifiedAt) : "—"}</TableCell>
                    <TableCell className="text-right">
                      {canManage && (
                        <span className="flex justify-end gap-2">
                          {c.status !== "verified" && (
                            <VerifyCallerIdDialog
                              pending={{ id: c.id, phoneNumber: c.phoneNumber, verificationCallId: c.status === "pending" ? c.verificationCallId : null, attemptsLeft: c.attemptsLeft }}
                              trigger={
                                <Button size="sm" variant="outline">
                                  {c.status === "pending" ? "Enter code" : "Verify"}
                                </Button>
                              }
                            />
                          )}
                          <ConfirmDialog
                            title={`Remove ${formatPhoneNumber(c.phoneNumber)}?`}
                            description="Calls can no longer show it as caller ID. You can verify it again later."
                            confirmLabel="Remove"
                            destructive
                            pending={remove.isPending}
                            onConfirm={() => remove.mutate({ id: c.id })}
                            trigger={
                              <Button size="sm" variant="ghost">
                                Remove
                              </Button>
                            }
                          />
                        </span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </QueryStates>
    </section>
  );
}
