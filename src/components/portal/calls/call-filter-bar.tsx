"use client";

import { SearchIcon, XIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { CALL_DIRECTION_LABEL, CALL_STATUS_LABEL } from "@/components/portal/calls/call-status";
import { CALL_DIRECTIONS, CALL_STATUSES, type CallFilters } from "@/components/portal/calls/call-filters";

const ANY = "any";

export function CallFilterBar({ filters, onChange, active, onClear }: { filters: CallFilters; onChange: (patch: Partial<CallFilters>) => void; active: boolean; onClear: () => void }) {
  // The number is applied when typing pauses, not on every key.
  const [number, setNumber] = useState(filters.number);
  useEffect(() => setNumber(filters.number), [filters.number]);
  useEffect(() => {
    if (number === filters.number) return;
    const t = setTimeout(() => onChange({ number }), 400);
    return () => clearTimeout(t);
  }, [number, filters.number, onChange]);

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
      <div className="col-span-2 grid gap-1.5 sm:col-span-1">
        <Label htmlFor="calls-number" className="text-xs text-muted-foreground">
          Number (from or to)
        </Label>
        <div className="relative">
          <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input id="calls-number" type="search" inputMode="tel" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="+15005550100" className="w-full pl-8 sm:w-48" />
        </div>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="calls-from" className="text-xs text-muted-foreground">
          From day
        </Label>
        <Input id="calls-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => onChange({ from: e.target.value })} className="w-full sm:w-40" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="calls-to" className="text-xs text-muted-foreground">
          To day
        </Label>
        <Input id="calls-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => onChange({ to: e.target.value })} className="w-full sm:w-40" />
      </div>
      {active && (
        <Button variant="ghost" onClick={onClear} className="col-span-2 justify-self-start sm:col-span-1">
          <XIcon /> Clear filters
        </Button>
      )}
    </div>
  );
}
