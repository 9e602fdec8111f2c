"use client";

import { useQuery } from "@tanstack/react-query";
import { XIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { DEFAULT_PLAN, STATUS_FILTERS, USAGE_FILTERS, type TenantListState } from "@/components/admin/tenants/tenant-list-params";
import { DayRangeFields } from "@/components/shared/day-range-fields";
import { SearchField } from "@/components/shared/search-field";
import { useDebouncedValue } from "@/components/shared/use-debounced-value";
import { Button } from "@/components/ui/button";
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
      <SearchField id="tenants-q" label="Search" className="col-span-2 lg:col-span-1" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} placeholder="Name, slug, id, AccountSid, owner email" inputClassName="lg:w-72" />
      <FilterSelect id="tenants-status" label="Status" value={state.status ?? ""} onChange={(v) => onChange({ status: (v || null) as TenantListState["status"] })} options={STATUS_FILTERS} anyLabel="Any status" width="lg:w-40" />
      <FilterSelect id="tenants-plan" label="Plan" value={state.plan} onChange={(v) => onChange({ plan: v })} options={planOptions} anyLabel="Any plan" width="lg:w-40" />
      <FilterSelect id="tenants-usage" label="Usage" value={state.usage ?? ""} onChange={(v) => onChange({ usage: (v || null) as TenantListState["usage"] })} options={USAGE_FILTERS} anyLabel="Any usage" width="lg:w-52" />
      <DayRangeFields idPrefix="tenants" labels={["Created from (UTC)", "Created to (UTC)"]} from={state.from} to={state.to} onChange={onChange} inputClassName="w-full lg:w-40" />
      {filtered && (
        <Button variant="ghost" onClick={onClear} className="col-span-2 justify-self-start lg:col-span-1">
          <XIcon /> Clear filters
        </Button>
      )}
    </div>
  );
}
