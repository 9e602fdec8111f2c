"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DownloadIcon, ScrollTextIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { QueryStates } from "@/components/shared/query-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/trpc/react";

interface Filter {
  tenantId: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}
const EMPTY: Filter = { tenantId: "", actor: "", action: "", from: "", to: "" };

/** Only the fields given, with dates as the start of `from`'s day and the end of `to`'s. */
function criteria(f: Filter) {
  return {
    ...(f.tenantId.trim() ? { tenantId: f.tenantId.trim() } : {}),
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.from ? { from: new Date(`${f.from}T00:00:00Z`) } : {}),
    ...(f.to ? { to: new Date(`${f.to}T23:59:59.999Z`) } : {}),
  };
}

/** Before and after of one entry, field by field, changed fields marked. */
function Diff({ before, after }: { before: unknown; after: unknown }) {
  const b = before && typeof before === "object" ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === "object" ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return <p className="text-sm text-muted-foreground">No recorded values.</p>;
  const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));
  return (
    <table className="w-full text-xs" aria-label="Changes">
      <thead>
        <tr className="text-left text-muted-foreground">
          <th className="py-1 pr-4 font-medium">Field</th>
          <th className="py-1 pr-4 font-medium">Before</th>
          <th className="py-1 font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const changed = JSON.stringify(b[k]) !== JSON.stringify(a[k]);
          return (
            <tr key={k} className={changed ? "bg-amber-500/10" : undefined}>
              <td className="py-1 pr-4 font-mono">{k}</td>
              <td className="py-1 pr-4 font-mono break-all">{show(b[k])}</td>
              <td className="py-1 font-mono break-all">{show(a[k])}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Every staff, impersonation and tenant-admin action on the platform: filter, read the diff, export CSV. Given a
 * `tenantId` (the tenant page), the trail is that tenant's and the tenant filter is not offered.
 */
export function PlatformAuditViewer({ tenantId }: { tenantId?: string } = {}) {
  const trpc = useTRPC();
  const initial = { ...EMPTY, tenantId: tenantId ?? "" };
  const [draft, setDraft] = useState<Filter>(initial);
  const [applied, setApplied] = useState<Filter>(initial);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const entries = useQuery(trpc.admin.audit.queryOptions({ ...criteria(applied), cursor, limit: 50 }, { placeholderData: keepPreviousData }));
  const exportHref = `/admin/audit/export?${new URLSearchParams(Object.entries(criteria(applied)).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]))}`;

  function apply(e: FormEvent) {
    e.preventDefault();
    setCursor(null);
    setApplied(draft);
  }
  const field = (key: keyof Filter) => ({ value: draft[key], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [key]: e.target.value }) });

  return (
    <div className="flex flex-col gap-4">
      <form
        onSubmit={apply}
        className={`grid gap-3 sm:grid-cols-3 lg:items-end ${tenantId ? "lg:grid-cols-[1fr_1fr_10rem_10rem_auto]" : "lg:grid-cols-[1fr_1fr_1fr_10rem_10rem_auto]"}`}
        aria-label="Filter the audit log"
      >
        {!tenantId && (
          <FormField label="Tenant id">
            <Input {...field("tenantId")} className="font-mono" placeholder="tn_…" />
          </FormField>
        )}
        <FormField label="Actor email">
          <Input {...field("actor")} placeholder="part of an email" />
        </FormField>
        <FormField label="Action">
          <Input {...field("action")} placeholder="tenant. or caller_id.verified" />
        </FormField>
        <FormField label="From">
          <Input type="date" {...field("from")} />
        </FormField>
        <FormField label="To">
          <Input type="date" {...field("to")} />
        </FormField>
        <div className="flex gap-2">
          <Button type="submit">Filter</Button>
          <Button asChild variant="outline">
            <a href={exportHref} download>
              <DownloadIcon /> CSV
            </a>
          </Button>
        </div>
      </form>
      <QueryStates
        query={entries}
        what="audit entries"
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState icon={<ScrollTextIcon />} title="No entries" description="Nothing matches these filters." />}
      >
        {(page) => (
          <>
            <div className="rounded-md border">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>When</TableHead>
                    <TableHead>Action</TableHead>
                    <TableHead className="hidden md:table-cell">Tenant</TableHead>
                    <TableHead>Actor</TableHead>
                    <TableHead>
                      <span className="sr-only">Details</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.items.flatMap((e) => [
                    <TableRow key={e.id}>
                      <TableCell className="whitespace-nowrap text-xs tabular-nums">{e.createdAt.toISOString().replace("T", " ").slice(0, 19)}</TableCell>
                      <TableCell>
                        <code className="font-mono text-xs">{e.action}</code>
                        <div className="text-xs text-muted-foreground">
                          {e.targetType}
                          {e.targetId ? ` ${e.targetId}` : ""}
                        </div>
                      </TableCell>
                      <TableCell className="hidden text-sm md:table-cell">{e.tenantName ?? <span className="text-muted-foreground">platform</span>}</TableCell>
                      <TableCell className="text-sm">
                        {e.actor?.email ?? (e.actorApiKeyId ? <code className="font-mono text-xs">{e.actorApiKeyId}</code> : <span className="text-muted-foreground">system</span>)}
                        {e.impersonator && (
                          <Badge variant="outline" className="ml-2">
                            by {e.impersonator.email}
                          </Badge>
                        )}
                      </TableCell>
                      <TableCell className="text-right">
                        <Button size="sm" variant="ghost" onClick={() => setOpen(open === e.id ? null : e.id)} aria-expanded={open === e.id}>
                          {open === e.id ? "Hide" : "Changes"}
                        </Button>
                      </TableCell>
                    </TableRow>,
                    ...(open === e.id
                      ? [
                          <TableRow key={`${e.id}-diff`} className="hover:bg-transparent">
                            <TableCell colSpan={5} className="bg-muted/30 whitespace-normal">
                              <Diff before={e.before} after={e.after} />
                            </TableCell>
                          </TableRow>,
                        ]
                      : []),
                  ])}
                </TableBody>
              </Table>
            </div>
            <div className="flex justify-end gap-2">
              {cursor && (
                <Button variant="outline" onClick={() => setCursor(null)}>
                  Newest
                </Button>
              )}
              <Button variant="outline" disabled={!page.nextCursor} onClick={() => setCursor(page.nextCursor)} title={page.nextCursor ? undefined : "No older entries"}>
                Older
              </Button>
            </div>
          </>
        )}
      </QueryStates>
    </div>
  );
}
