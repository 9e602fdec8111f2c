"use client";

import { useQuery } from "@tanstack/react-query";
import { FlagIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { QueryStates } from "@/components/shared/query-states";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/trpc/react";

interface FlagValues {
  key: string;
  description: string;
  enabled: boolean;
  rolloutPercent: number;
}

const NEW_FLAG: FlagValues = { key: "", description: "", enabled: false, rolloutPercent: 100 };

/** Create a flag, or change the one picked from the table (its key stays). */
function FlagForm({ initial, onDone }: { initial: FlagValues; onDone: () => void }) {
  const trpc = useTRPC();
  const [values, setValues] = useState(initial);
  const { formRef, errors, attempt } = useFormErrors();
  const save = useToastMutation(trpc.admin.upsertFlag.mutationOptions(), { success: (f) => `${f.key} saved`, invalidate: [trpc.admin.flags.queryKey()], error: false });
  const editing = initial.key !== "";

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await attempt(() => save.mutateAsync(values))) onDone();
  }

  return (
    <form ref={formRef} onSubmit={submit} className="grid gap-4 sm:grid-cols-[14rem_1fr_8rem_auto] sm:items-end" aria-label={editing ? `Edit ${initial.key}` : "New flag"}>
      <FormField label="Key" required error={errors?.fields.key} description="lower_snake_case">
        <Input value={values.key} onChange={(e) => setValues({ ...values, key: e.target.value })} readOnly={editing} className="font-mono" placeholder="ivr_builder" />
      </FormField>
      <FormField label="Description" error={errors?.fields.description}>
        <Input value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} maxLength={200} />
      </FormField>
      <FormField label="Rollout %" error={errors?.fields.rolloutPercent}>
        <Input type="number" min={0} max={100} step={1} value={values.rolloutPercent} onChange={(e) => setValues({ ...values, rolloutPercent: Number(e.target.value) })} />
      </FormField>
      <div className="flex items-center gap-3 pb-2">
        <Switch id={`enabled-${initial.key || "new"}`} checked={values.enabled} onCheckedChange={(on) => setValues({ ...values, enabled: on })} />
        <Label htmlFor={`enabled-${initial.key || "new"}`}>Enabled</Label>
        <Button type="submit" disabled={save.isPending || values.key.trim() === ""} title={values.key.trim() === "" ? "Enter a key first" : undefined}>
          {save.isPending ? "Saving…" : editing ? "Save" : "Create flag"}
        </Button>
      </div>
      <FormErrorAlert message={errors?.form} />
    </form>
  );
}

function OverrideForm({ flagKey }: { flagKey: string }) {
  const trpc = useTRPC();
  const [tenantId, setTenantId] = useState("");
  const { formRef, errors, attempt } = useFormErrors();
  const set = useToastMutation(trpc.admin.setFlagOverride.mutationOptions(), { success: (o) => `${o.key} ${o.enabled === null ? "override removed" : o.enabled ? "forced on" : "forced off"} for ${o.tenantId}`, invalidate: [trpc.admin.flags.queryKey()], error: false });
  const apply = (enabled: boolean | null) => void attempt(() => set.mutateAsync({ key: flagKey, tenantId: tenantId.trim(), enabled }));
  const blocked = tenantId.trim() === "";
  return (
    <form ref={formRef} onSubmit={(e) => e.preventDefault()} className="flex flex-wrap items-end gap-2" aria-label={`Override ${flagKey} for a tenant`}>
      <FormField label="Tenant id" error={errors?.fields.tenantId} className="w-64">
        <Input value={tenantId} onChange={(e) => setTenantId(e.target.value)} className="font-mono" placeholder="tn_…" />
      </FormField>
      <Button type="button" variant="outline" disabled={blocked || set.isPending} onClick={() => apply(true)} title={blocked ? "Enter a tenant id first" : undefined}>
        Force on
      </Button>
      <Button type="button" variant="outline" disabled={blocked || set.isPending} onClick={() => apply(false)} title={blocked ? "Enter a tenant id first" : undefined}>
        Force off
      </Button>
      <Button type="button" variant="ghost" disabled={blocked || set.isPending} onClick={() => apply(null)} title={blocked ? "Enter a tenant id first" : undefined}>
        Remove override
      </Button>
      <FormErrorAlert message={errors?.form} />
    </form>
  );
}

/** Platform feature flags: global switch, percentage rollout, per-tenant overrides. Every change is audited. */
export function FeatureFlagsPanel() {
  const trpc = useTRPC();
  const flags = useQuery(trpc.admin.flags.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const canEdit = useStaffCan("OWNER");
  // A new, empty form after each creation.
  const [created, setCreated] = useState(0);
  return (
    <div className="flex flex-col gap-6">
      {canEdit && (
      <Card>
        <CardHeader>
          <CardTitle>New flag</CardTitle>
          <CardDescription>Off until enabled; when enabled, on for the rollout share of tenants (the same tenants as the share grows), and overrides win either way.</CardDescription>
        </CardHeader>
        <CardContent>
          <FlagForm initial={NEW_FLAG} onDone={() => setCreated((n) => n + 1)} key={`new-${created}`} />
        </CardContent>
      </Card>
      )}
      <QueryStates
        query={flags}
        what="feature flags"
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState icon={<FlagIcon />} title="No feature flags yet" description="Create one above; code reads it with isFeatureEnabled() on the server and useFeatureFlag() in the UI." />}
      >
        {(rows) => (
          <div className="rounded-md border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Flag</TableHead>
                  <TableHead>State</TableHead>
                  <TableHead className="hidden md:table-cell">Overrides</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.flatMap((f) => [
                  <TableRow key={f.key}>
                    <TableCell>
                      <span className="flex flex-col">
                        <code className="font-mono text-sm">{f.key}</code>
                        {f.description && <span className="text-xs text-muted-foreground">{f.description}</span>}
                      </span>
                    </TableCell>
                    <TableCell>
                      <Badge variant={f.enabled ? "secondary" : "outline"}>{f.enabled ? `On · ${f.rolloutPercent}% of tenants` : "Off"}</Badge>
                    </TableCell>
                    <TableCell className="hidden text-sm md:table-cell">
                      {f.overrides.length === 0 ? "—" : f.overrides.map((o) => `${o.tenantName} ${o.enabled ? "on" : "off"}`).join(", ")}
                    </TableCell>
                    <TableCell className="text-right">
                      {canEdit && (
                        <Button size="sm" variant="outline" onClick={() => setEditing(editing === f.key ? null : f.key)} aria-expanded={editing === f.key}>
                          {editing === f.key ? "Close" : "Edit"}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>,
                  ...(editing === f.key
                    ? [
                        <TableRow key={`${f.key}-edit`} className="hover:bg-transparent">
                          <TableCell colSpan={4} className="bg-muted/30 whitespace-normal">
                            <div className="flex flex-col gap-4 py-2">
                              <FlagForm initial={f} onDone={() => setEditing(null)} />
                              <OverrideForm flagKey={f.key} />
                            </div>
                          </TableCell>
                        </TableRow>,
                      ]
                    : []),
                ])}
              </TableBody>
            </Table>
          </div>
        )}
      </QueryStates>
    </div>
  );
}
