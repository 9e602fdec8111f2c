"use client";

// Who a broadcast goes to: owners or owners and admins, of tenants on some plans, in some statuses, with or without
// calls lately. An empty choice filters nothing. The count beside it is the server's, for the segment as it is now.
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useId } from "react";
import { CheckboxGroup } from "@/components/shared/checkbox-group";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

export type Segment = inferRouterOutputs<AppRouter>["admin"]["broadcasts"]["get"]["segment"];
type ActivityKind = Segment["activity"]["kind"];

export const EVERY_OWNER: Segment = { audience: "owners", plans: [], statuses: [], activity: { kind: "any" } };
const DEFAULT_PLAN = "default";
const ANY_TICKED = (v: unknown[]) => (v.length === 0 ? "Any (none ticked)" : `${v.length} ticked`);

export function SegmentPicker({ value, onChange, disabled, error }: { value: Segment; onChange: (s: Segment) => void; disabled?: boolean; error?: string }) {
  const trpc = useTRPC();
  const plans = useQuery(trpc.admin.pricePlans.queryOptions(undefined, { staleTime: 60_000 }));
  const id = useId();
  const days = value.activity.kind === "any" ? 30 : value.activity.days;
  const setActivity = (kind: ActivityKind, d = days) => onChange({ ...value, activity: kind === "any" ? { kind } : { kind, days: d } });
  return (
    <div className="grid gap-5" role="group" aria-label="Recipients" aria-invalid={error ? true : undefined}>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-audience`}>Send to</Label>
        <Select value={value.audience} onValueChange={(audience) => onChange({ ...value, audience: audience as Segment["audience"] })} disabled={disabled}>
          <SelectTrigger id={`${id}-audience`} className="w-full sm:w-64">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="owners">Tenant owners</SelectItem>
            <SelectItem value="owners_and_admins">Tenant owners and admins</SelectItem>
          </SelectContent>
        </Select>
      </div>
      <CheckboxGroup
        legend="Plan"
        summary={ANY_TICKED}
        disabled={disabled}
        value={value.plans}
        onChange={(p) => onChange({ ...value, plans: p })}
        options={[{ value: DEFAULT_PLAN, label: "Default plan" }, ...(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
      />
      <CheckboxGroup
        legend="Tenant status"
        summary={ANY_TICKED}
        disabled={disabled}
        value={value.statuses}
        onChange={(statuses) => onChange({ ...value, statuses })}
        options={[
          { value: "ACTIVE", label: "Active" },
          { value: "SUSPENDED", label: "Suspended" },
        ]}
      />
      <div className="grid gap-2">
        <Label htmlFor={`${id}-activity`}>Call activity</Label>
        <div className="flex flex-wrap items-center gap-2">
          <Select value={value.activity.kind} onValueChange={(k) => setActivity(k as ActivityKind)} disabled={disabled}>
            <SelectTrigger id={`${id}-activity`} className="w-full sm:w-64">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="any">Any</SelectItem>
              <SelectItem value="called_within">Made calls in the last…</SelectItem>
              <SelectItem value="no_calls_within">Made no calls in the last…</SelectItem>
            </SelectContent>
          </Select>
          {value.activity.kind !== "any" && (
            <div className="flex items-center gap-2">
              <Input
                aria-label="Days"
                type="number"
                min={1}
                max={365}
                className="w-24"
                value={days}
                disabled={disabled}
                onChange={(e) => setActivity(value.activity.kind, Math.round(Number(e.target.value)))}
              />
              <span className="text-sm text-muted-foreground">days</span>
            </div>
          )}
        </div>
      </div>
      {error && <p className="text-sm text-destructive">{error}</p>}
    </div>
  );
}
