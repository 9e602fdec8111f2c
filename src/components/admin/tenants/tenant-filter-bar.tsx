"use client";

import { useQuery } from "@tanstack/react-query";
import { SearchIcon, XIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { DEFAULT_PLAN, STATUS_FILTERS, USAGE_FILTERS, type TenantListState } from "@/components/admin/tenants/tenant-list-params";
import { useDebouncedValue } from "@/components/shared/use-debounced-value";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useTRPC } from "@/trpc/react";

const ANY = "any";

function FilterSelect({ id, label, value, onChange, options, anyLabel, width }: { id: string; label: string; value: string; onChange: (v: string) => void; options: readonly { value: string; label: string }[]; anyLabel: string; width: string }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Select value={value || ANY} onValueChange={(v) => onChange(v === ANY ? "" : v)}>
        <SelectTrigger id={id} className={`w-full ${width}`}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY}>{anyLabel}</SelectItem>
          {options.map((o) => (
            <SelectItem key={o.value} value={o.value}>
              {o.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

/** Search, status, plan, usage and created range of the tenants list; the search applies when typing pauses. */
export function TenantFilterBar({ state, onChange, filtered, onClear }: { state: TenantListState; onChange: (patch: Partial<TenantListState>) => void; filtered: boolean; onClear: () => void }) {
  const trpc = useTRPC();
  const plans = useQuery(trpc.admin.pricePlans.queryOptions(undefined, { staleTime: 60_000 }));
  const [text, setText] = useState(state.q);
  const settled = useDebouncedValue(text, 300);
  useEffect(() => setText(state.q), [state.q]);
  useEffect(() => {
    if (settled.trim() !== state.q.trim()) onChange({ q: settled });
    // Only a pause in typing applies the text; the address changing is followed by the effect above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  const planOptions = [{ value: DEFAULT_PLAN, label: "Default plan" }, ...(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))];
  return (
    <div role="search" aria-label="Filter tenants" className="grid grid-cols-2 gap-3 lg:flex lg:flex-wrap lg:items-end">
      <div className="col-span-2 grid gap-1.5 lg:col-span-1">
        <Label htmlFor="tenants-q" className="text-xs text-muted-foreground">
          Search
        </Label>
        <div className="relative">
          <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input id="tenants-q" type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} placeholder="Name, slug, id, AccountSid, owner email" className="w-full pl-8 lg:w-72" />
        </div>
      </div>
      <FilterSelect id="tenants-status" label="Status" value={state.status ?? ""} onChange={(v) => onChange({ status: (v || null) as TenantListState["status"] })} options={STATUS_FILTERS} anyLabel="Any status" width="lg:w-40" />
      <FilterSelect id="tenants-plan" label="Plan" value={state.plan} onChange={(v) => onChange({ plan: v })} options={planOptions} anyLabel="Any plan" width="lg:w-40" />
      <FilterSelect id="tenants-usage" label="Usage" value={state.usage ?? ""} onChange={(v) => onChange({ usage: (v || null) as TenantListState["usage"] })} options={USAGE_FILTERS} anyLabel="Any usage" width="lg:w-52" />
      <div className="grid gap-1.5">
        <Label htmlFor="tenants-from" className="text-xs text-muted-foreground">
          Created from (UTC)
        </Label>
        <Input id="tenants-from" type="date" value={state.from} max={state.to || undefined} onChange={(e) => onChange({ from: e.target.value })} className="w-full lg:w-40" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="tenants-to" className="text-xs text-muted-foreground">
          Created to (UTC)
        </Label>
        <Input id="tenants-to" type="date" value={state.to} min={state.from || undefined} onChange={(e) => onChange({ to: e.target.value })} className="w-full lg:w-40" />
      </div>
      {filtered && (
        <Button variant="ghost" onClick={onClear} className="col-span-2 justify-self-start lg:col-span-1">
          <XIcon /> Clear filters
        </Button>
      )}
    </div>
  );
}
