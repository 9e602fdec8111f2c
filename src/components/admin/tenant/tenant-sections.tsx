"use client";

// The lists on the tenant page: members, numbers, recent calls, webhook health and impersonations. Each is a plain
// table with its own empty state; the data comes from admin.tenant in one read.
import type { inferRouterOutputs } from "@trpc/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ImpersonateDialog } from "@/components/admin/tenant/impersonate-dialog";
import { formatDateTime, formatMoney, formatRelative } from "@/lib/format";
import type { AppRouter } from "@/trpc/routers/_app";

export type TenantDetail = inferRouterOutputs<AppRouter>["admin"]["tenant"];

export function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card className="gap-3 overflow-hidden">
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent className="overflow-x-auto px-0">{children}</CardContent>
    </Card>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="px-6 pb-2 text-sm text-muted-foreground">{children}</p>;
}

export function MembersSection({ detail }: { detail: TenantDetail }) {
  const members = detail.members;
  return (
    <Section title="Users" description={`${members.length} member${members.length === 1 ? "" : "s"}${detail.pendingInvitations ? `, ${detail.pendingInvitations} pending invitation${detail.pendingInvitations === 1 ? "" : "s"}` : ""}`}>
      {members.length === 0 ? (
        <Empty>No members yet: the owner has not accepted the invitation.</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">User</TableHead>
              <TableHead>Role</TableHead>
              <TableHead className="hidden sm:table-cell">Security</TableHead>
              <TableHead className="hidden md:table-cell">Joined</TableHead>
              <TableHead className="pr-6 text-right">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((m) => (
              <TableRow key={m.id}>
                <TableCell className="pl-6">
                  <div className="font-medium">{m.name}</div>
                  <div className="text-xs text-muted-foreground">{m.email}</div>
                </TableCell>
                <TableCell>{m.role.toLowerCase()}</TableCell>
                <TableCell className="hidden gap-1 sm:flex sm:flex-wrap">
                  {m.twoFactor && <Badge variant="success">2FA</Badge>}
                  {!m.emailVerified && <Badge variant="warning">unverified</Badge>}
                </TableCell>
                <TableCell className="hidden text-muted-foreground md:table-cell">{formatRelative(m.joinedAt)}</TableCell>
                <TableCell className="pr-6 text-right">
                  <ImpersonateDialog tenant={detail.tenant} members={members} defaultUserId={m.id} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function NumbersSection({ detail }: { detail: TenantDetail }) {
  const { items, total } = detail.numbers;
  const cap = detail.tenant.maxPhoneNumbers;
  return (
    <Section title="Phone numbers" description={`${total} held${cap !== null ? ` of ${cap} allowed` : ", no cap"}`}>
      {items.length === 0 ? (
        <Empty>No numbers.</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">Number</TableHead>
              <TableHead>Origin</TableHead>
              <TableHead className="hidden pr-6 sm:table-cell">Added</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((n) => (
              <TableRow key={n.id}>
                <TableCell className="pl-6">
                  <div className="font-mono">{n.e164}</div>
                  {n.friendlyName && <div className="text-xs text-muted-foreground">{n.friendlyName}</div>}
                </TableCell>
                <TableCell>
                  {n.origin.toLowerCase()}
                  {n.provider && <span className="text-muted-foreground"> · {n.provider}</span>}
                </TableCell>
                <TableCell className="hidden pr-6 text-muted-foreground sm:table-cell">{formatRelative(n.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

const CALL_STATUS_VARIANT: Record<string, "success" | "destructive" | "warning" | "secondary"> = { COMPLETED: "success", FAILED: "destructive", BUSY: "warning", NO_ANSWER: "warning", IN_PROGRESS: "secondary" };

export function RecentCallsSection({ detail }: { detail: TenantDetail }) {
  const calls = detail.recentCalls;
  return (
    <Section title="Recent calls" description="The latest 20.">
      {calls.length === 0 ? (
        <Empty>No calls yet.</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">Call</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Duration</TableHead>
              <TableHead className="hidden text-right md:table-cell">Cost</TableHead>
              <TableHead className="hidden pr-6 md:table-cell">When</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {calls.map((c) => (
              <TableRow key={c.id}>
                <TableCell className="pl-6">
                  <div className="font-mono text-xs">{c.id}</div>
                  <div className="text-xs text-muted-foreground">
                    {c.from} → {c.to}
                  </div>
                </TableCell>
                <TableCell>
                  <Badge variant={CALL_STATUS_VARIANT[c.status] ?? "secondary"}>{c.status.toLowerCase().replace("_", " ")}</Badge>
                </TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell">{c.durationSeconds !== null ? `${c.durationSeconds}s` : "—"}</TableCell>
                <TableCell className="hidden text-right tabular-nums md:table-cell">{c.costMicros !== null ? formatMoney(c.costMicros, detail.tenant.currency) : "—"}</TableCell>
                <TableCell className="hidden pr-6 text-muted-foreground md:table-cell">{formatRelative(c.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function WebhooksSection({ detail }: { detail: TenantDetail }) {
  const endpoints = detail.webhooks;
  return (
    <Section title="Webhook health" description="Deliveries in the last 24 hours.">
      {endpoints.length === 0 ? (
        <Empty>No webhook endpoints.</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">Endpoint</TableHead>
              <TableHead>State</TableHead>
              <TableHead className="pr-6 text-right">Delivered / failed / pending</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {endpoints.map((e) => (
              <TableRow key={e.id}>
                <TableCell className="max-w-64 truncate pl-6 font-mono text-xs" title={e.url}>
                  {e.url}
                </TableCell>
                <TableCell>
                  {e.status === "DISABLED" ? (
                    <Badge variant="destructive" title={e.disabledReason ?? undefined}>
                      disabled
                    </Badge>
                  ) : e.failingSince ? (
                    <Badge variant="warning" title={`${e.consecutiveFailures} failures in a row`}>
                      failing since {formatRelative(e.failingSince)}
                    </Badge>
                  ) : (
                    <Badge variant="success">healthy</Badge>
                  )}
                </TableCell>
                <TableCell className="pr-6 text-right tabular-nums">
                  {e.last24h.delivered} / <span className={e.last24h.failed ? "text-destructive" : undefined}>{e.last24h.failed}</span> / {e.last24h.pending}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function ImpersonationsSection({ detail }: { detail: TenantDetail }) {
  const sessions = detail.impersonations;
  return (
    <Section title="Support access" description="The latest impersonations of this tenant's users.">
      {sessions.length === 0 ? (
        <Empty>Nobody from support has accessed this tenant.</Empty>
      ) : (
        <ul className="flex flex-col divide-y text-sm">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-col gap-0.5 px-6 py-2">
              <span>
                <strong>{s.staffEmail}</strong> as {s.targetEmail} {s.acting ? <Badge variant="warning">acted</Badge> : <Badge variant="secondary">read-only</Badge>}
              </span>
              <span className="text-muted-foreground">&ldquo;{s.reason}&rdquo;</span>
              <span className="text-xs text-muted-foreground">
                {formatDateTime(s.startedAt)} · {s.endedAt ? `${s.endedHow ?? "ended"} ${formatRelative(s.endedAt)}` : s.expiresAt > new Date() ? "in progress" : "expired"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
