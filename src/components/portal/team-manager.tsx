"use client";

import { useQuery } from "@tanstack/react-query";
import { MailIcon, Trash2Icon, UsersIcon } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { QueryStates } from "@/components/shared/query-states";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { InviteDialog } from "@/components/portal/invite-dialog";
import { atLeast, ROLES, type Role } from "@/components/portal/role-labels";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate, initials, titleCase } from "@/lib/format";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";

type PendingRemoval = { membershipId: string; name: string } | null;

export function TeamManager() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const myRole = overview.data?.role ?? "AGENT";
  const canManage = atLeast(myRole, "ADMIN");
  const members = useQuery(trpc.team.members.queryOptions());
  const invitations = useQuery(trpc.team.invitations.queryOptions(undefined, { enabled: canManage }));
  const [removal, setRemoval] = useState<PendingRemoval>(null);

  // Any change to the team can change the member list, the invitations and the counts on the overview.
  const feedback = (success: string) => ({
    success,
    invalidate: [trpc.team.members.queryKey(), trpc.team.invitations.queryKey(), trpc.tenant.current.queryKey()],
    error: (e: unknown) => formErrorsFrom(e).form ?? "That did not work",
  });
  const changeRole = useToastMutation(trpc.team.changeRole.mutationOptions(), feedback("Role updated"));
  const remove = useToastMutation(trpc.team.remove.mutationOptions(), feedback("Member removed"));
  const revoke = useToastMutation(trpc.team.revokeInvitation.mutationOptions(), feedback("Invitation revoked"));

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Team" description="People who can sign in to this workspace, and what they may do." actions={canManage ? <InviteDialog canInviteOwners={myRole === "OWNER"} /> : undefined} className="pb-0" />

      <Card className="gap-0 py-0">
        {members.isPending ? (
          <div className="space-y-3 p-6">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : members.isError ? (
          <p className="p-6 text-sm text-destructive">{formErrorsFrom(members.error).form}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">Member</TableHead>
                <TableHead className="w-48">Role</TableHead>
                <TableHead className="hidden w-36 md:table-cell">Joined</TableHead>
                {canManage && <TableHead className="w-16 pr-6 text-right"><span className="sr-only">Actions</span></TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.data.map((m) => {
                const ownerOnly = m.role === "OWNER" && myRole !== "OWNER";
                return (
                  <TableRow key={m.membershipId}>
                    <TableCell className="pl-6">
                      <div className="flex items-center gap-3">
                        <Avatar className="size-8">
                          <AvatarFallback className="text-xs">{initials(m.name)}</AvatarFallback>
                        </Avatar>
                        <div className="min-w-0">
                          <div className="flex items-center gap-2 truncate font-medium">
                            {m.name}
                            {m.isYou && <Badge variant="secondary">You</Badge>}
                          </div>
                          <div className="truncate text-xs text-muted-foreground">{m.email}</div>
                        </div>
                      </div>
                    </TableCell>
                    <TableCell>
                      {canManage && !ownerOnly ? (
                        <Select value={m.role} onValueChange={(role) => changeRole.mutate({ membershipId: m.membershipId, role: role as Role })} disabled={changeRole.isPending}>
                          <SelectTrigger size="sm" className="w-36" aria-label={`Role of ${m.name}`}>
                            <SelectValue />
                          </SelectTrigger>
                          <SelectContent>
                            {ROLES.filter((r) => myRole === "OWNER" || r !== "OWNER").map((r) => (
                              <SelectItem key={r} value={r}>
                                {titleCase(r)}
                              </SelectItem>
                            ))}
                          </SelectContent>
                        </Select>
                      ) : (
                        <Badge variant="outline">{titleCase(m.role)}</Badge>
                      )}
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground md:table-cell">{formatDate(m.joinedAt)}</TableCell>
                    {canManage && (
                      <TableCell className="pr-6 text-right">
                        {!ownerOnly && (
                          <Button variant="ghost" size="icon-sm" onClick={() => setRemoval({ membershipId: m.membershipId, name: m.name })} aria-label={`Remove ${m.name}`}>
                            <Trash2Icon />
                          </Button>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Card>

      {canManage && (
        <Card>
          <CardHeader>
            <CardTitle>Pending invitations</CardTitle>
            <CardDescription>Sent but not yet accepted.</CardDescription>
          </CardHeader>
          <CardContent>
            <QueryStates
              query={invitations}
              what="invitations"
              loading={<Skeleton className="h-10 w-full" />}
              isEmpty={(rows) => rows.length === 0}
              empty={<EmptyState icon={<MailIcon />} title="No pending invitations" description="Invite agents, supervisors or developers with the button above." className="py-8" />}
            >
              {(rows) => (
                <ul className="divide-y">
                  {rows.map((inv) => (
                    <li key={inv.id} className="flex flex-wrap items-center gap-3 py-3 first:pt-0 last:pb-0">
                      <div className="min-w-0 flex-1">
                        <div className="truncate text-sm font-medium">{inv.email}</div>
                        <div className="text-xs text-muted-foreground">Expires {formatDate(inv.expiresAt)}</div>
                      </div>
                      <Badge variant="outline">{titleCase(inv.role)}</Badge>
                      <Button variant="outline" size="sm" onClick={() => revoke.mutate({ invitationId: inv.id })} disabled={revoke.isPending} aria-label={`Revoke invitation for ${inv.email}`}>
                        Revoke
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </QueryStates>
          </CardContent>
        </Card>
      )}

      {!canManage && members.data?.length === 1 && (
        <EmptyState icon={<UsersIcon />} title="Just you so far" description="An admin of this workspace can invite more people." />
      )}

      <ConfirmDialog
        open={removal !== null}
        onOpenChange={(open) => !open && setRemoval(null)}
        title={<>Remove {removal?.name}?</>}
        description="They lose access to this workspace right away. You can invite them again later."
        confirmLabel="Remove"
        destructive
        onConfirm={() => {
          if (removal) remove.mutate({ membershipId: removal.membershipId });
          setRemoval(null);
        }}
      />
    </div>
  );
}
