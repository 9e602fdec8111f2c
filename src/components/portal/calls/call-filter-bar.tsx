"use client";

import { XIcon } from "lucide-react";
import { DayRangeFields } from "@/components/shared/day-range-fields";
import { SearchField } from "@/components/shared/search-field";
import { useDebouncedField } from "@/components/shared/use-debounced-field";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { CALL_DIRECTION_LABEL, CALL_STATUS_LABEL } from "@/components/portal/calls/call-status";
import { CALL_DIRECTIONS, CALL_STATUSES, type CallFilters } from "@/components/portal/calls/call-filters";

const ANY = "any";

export function CallFilterBar({ filters, onChange, active, onClear }: { filters: CallFilters; onChange: (patch: Partial<CallFilters>) => void; active: boolean; onClear: () => void }) {
  const [number, setNumber] = useDebouncedField(filters.number, (text) => onChange({ number: text }));

  return (
    <div role="search" aria-label="Filter calls" className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end">
      <div className="grid gap-1.5">
        <Label htmlFor="calls-status" className="text-xs text-muted-foreground">
          Status
        </Label>
        <Select value={filters.status ?? ANY} onValueChange={(v) => onChange({ status: v === ANY ? null : (v as CallFilters["status"]) })}>
          <SelectTrigger id="calls-status" className="w-full sm:w-36">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>Any status</SelectItem>
            {CALL_STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {CALL_STATUS_LABEL[s]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="calls-direction" className="text-xs text-muted-foreground">
          Direction
        </Label>
        <Select value={filters.direction ?? ANY} onValueChange={(v) => onChange({ direction: v === ANY ? null : (v as CallFilters["direction"]) })}>
          <SelectTrigger id="calls-direction" className="w-full sm:w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>Any direction</SelectItem>
            {CALL_DIRECTIONS.map((d) => (
              <SelectItem key={d} value={d}>
                {CALL_DIRECTION_LABEL[d]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <SearchField id="calls-number" label="Number (from or to)" className="col-span-2 sm:col-span-1" inputMode="tel" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="+15005550100" inputClassName="sm:w-48" />
      <DayRangeFields idPrefix="calls" labels={["From day", "To day"]} from={filters.from} to={filters.to} onChange={onChange} inputClassName="w-full sm:w-40" />
      {active && (
        <Button variant="ghost" onClick={onClear} className="col-span-2 justify-self-start sm:col-span-1">
          <XIcon /> Clear filters
        </Button>
      )}
    </div>
  );
}
