"use client";

// Settings → Automation: the account's rules in the order they are tried (switch on or off, move up or down, edit,
// delete) and what they did lately.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowDownIcon, ArrowUpIcon, PencilIcon, PlusIcon, WorkflowIcon } from "lucide-react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { CursorPager, useCursorPages } from "@/components/shared/cursor-pager";
import { QueryStates } from "@/components/shared/query-states";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import { ACTION_LABELS, describeAction, describeCondition, type RuleView } from "./rule-draft";
import { RuleEditorDialog } from "./rule-editor-dialog";

function RuleCard({ rule, index, count, canWrite, names }: { rule: RuleView; index: number; count: number; canWrite: boolean; names: (id: string) => string }) {
  const trpc = useTRPC();
  const invalidate = [trpc.automation.list.queryKey()];
  const update = useToastMutation(trpc.automation.update.mutationOptions(), { success: (r) => `“${r.name}” ${r.enabled ? "on" : "off"}, place ${r.position + 1}`, invalidate });
  const remove = useToastMutation(trpc.automation.delete.mutationOptions(), { success: () => `“${rule.name}” deleted`, invalidate });
  const joiner = rule.match === "all" ? " and " : " or ";
  return (
    <Card data-testid={`rule-${rule.name}`} className={rule.enabled ? undefined : "opacity-70"}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <span className="text-muted-foreground tabular-nums">{index + 1}.</span> {rule.name}
          {!rule.enabled && <Badge variant="outline">Off</Badge>}
          {rule.stopProcessing && <Badge variant="secondary">Stops later rules</Badge>}
        </CardTitle>
        <CardDescription>
          {rule.runCount === 0 ? "Has not run yet" : `Ran ${rule.runCount} time${rule.runCount === 1 ? "" : "s"}, last ${formatDateTime(rule.lastRunAt!)}`}
        </CardDescription>
        {canWrite && (
          <CardAction className="flex items-center gap-1">
            <Switch aria-label={`${rule.name} on`} checked={rule.enabled} onCheckedChange={(enabled) => update.mutate({ ruleId: rule.id, enabled })} disabled={update.isPending} />
            <Button variant="ghost" size="icon" aria-label={`Move ${rule.name} up`} disabled={index === 0 || update.isPending} onClick={() => update.mutate({ ruleId: rule.id, position: index - 1 })}>
              <ArrowUpIcon />
            </Button>
            <Button variant="ghost" size="icon" aria-label={`Move ${rule.name} down`} disabled={index === count - 1 || update.isPending} onClick={() => update.mutate({ ruleId: rule.id, position: index + 1 })}>
              <ArrowDownIcon />
            </Button>
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <p>
          <span className="font-medium">When </span>
          {rule.conditions.map(describeCondition).join(joiner)}
        </p>
        <p>
          <span className="font-medium">Then </span>
          {rule.actions.map((a) => describeAction(a, names)).join(", then ")}
        </p>
        {canWrite && (
          <div className="flex justify-end gap-2">
            <RuleEditorDialog
              rule={rule}
              trigger={
                <Button size="sm" variant="outline">
                  <PencilIcon /> Edit
                </Button>
              }
            />
            <ConfirmDialog
              title={`Delete “${rule.name}”?`}
              description="It stops acting on new messages, and its history goes with it."
              confirmLabel="Delete"
              destructive
              pending={remove.isPending}
              onConfirm={() => remove.mutate({ ruleId: rule.id })}
              trigger={
                <Button size="sm" variant="ghost" className="text-destructive">
                  Delete
                </Button>
              }
            />
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function RecentRuns() {
  const trpc = useTRPC();
  const pages = useCursorPages("runs");
  const runs = useQuery(trpc.automation.runs.queryOptions({ limit: 20, cursor: pages.cursor }, { placeholderData: keepPreviousData }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent runs</CardTitle>
        <CardDescription>What the rules did with each message they matched.</CardDescription>
      </CardHeader>
      <CardContent>
        <QueryStates query={runs} what="runs" isEmpty={(page) => page.items.length === 0} empty={<p className="text-sm text-muted-foreground">No rule has matched a message yet.</p>}>
          {(page) => (
            <div className="flex flex-col gap-3">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>When</TableHead>
                    <TableHead>Rule</TableHead>
                    <TableHead>Message</TableHead>
                    <TableHead>What it did</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.items.map((run) => (
                    <TableRow key={run.id}>
                      <TableCell className="whitespace-nowrap">{formatDateTime(run.createdAt)}</TableCell>
                      <TableCell>{run.ruleName}</TableCell>
                      <TableCell className="font-mono text-xs">{run.messageId}</TableCell>
                      <TableCell>
                        <ul className="flex flex-col gap-1">
                          {run.results.map((r, i) => (
                            <li key={i} className="flex flex-wrap items-center gap-2">
                              <Badge variant={r.outcome === "done" ? "success" : "destructive"}>{r.outcome === "done" ? "Done" : "Failed"}</Badge>
                              <span>{ACTION_LABELS[r.kind as keyof typeof ACTION_LABELS] ?? r.kind}</span>
                              {r.outcome === "failed" && <span className="text-xs text-muted-foreground">{r.detail}</span>}
                            </li>
                          ))}
                        </ul>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <CursorPager label="Pages of runs" pages={pages} hasMore={page.hasMore} nextCursor={page.nextCursor} busy={runs.isPlaceholderData} />
            </div>
          )}
        </QueryStates>
      </CardContent>
    </Card>
  );
}

export function AutomationPanel() {
  const trpc = useTRPC();
  const rules = useQuery(trpc.automation.list.queryOptions());
  const me = useQuery(trpc.tenant.current.queryOptions());
  const canWrite = me.data?.role === "ADMIN" || me.data?.role === "OWNER";
  const members = useQuery(trpc.inbox.members.queryOptions());
  const teams = useQuery(trpc.inbox.teams.queryOptions());
  const names = (id: string) => members.data?.find((m) => m.userId === id)?.name || teams.data?.find((t) => t.id === id)?.name || id;
  const newRule = (
    <RuleEditorDialog
      trigger={
        <Button>
          <PlusIcon /> New rule
        </Button>
      }
    />
  );
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Automation" description="Reply, tag and sort inbound messages by rules: each message is tried against them in order." actions={canWrite ? newRule : undefined} />
      <QueryStates
        query={rules}
        what="automation rules"
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState icon={WorkflowIcon} title="No rules yet" description="For example: outside business hours, reply that you will answer in the morning." action={canWrite ? newRule : undefined} />}
      >
        {(list) => (
          <div className="flex flex-col gap-4">
            {list.map((rule, i) => (
              <RuleCard key={rule.id} rule={rule} index={i} count={list.length} canWrite={canWrite} names={names} />
            ))}
          </div>
        )}
      </QueryStates>
      <RecentRuns />
    </div>
  );
}
