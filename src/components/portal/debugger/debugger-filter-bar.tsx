"use client";

import { XIcon } from "lucide-react";
import { SearchField } from "@/components/shared/search-field";
import { useDebouncedField } from "@/components/shared/use-debounced-field";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { DEBUGGER_RANGES, DEBUGGER_SOURCES, RANGE_LABEL, SOURCE_LABEL, type DebuggerFilters, type DebuggerRange } from "@/components/portal/debugger/debugger-filters";

const ANY = "any";

export function DebuggerFilterBar({ filters, onChange, active, onClear }: { filters: DebuggerFilters; onChange: (patch: Partial<DebuggerFilters>) => void; active: boolean; onClear: () => void }) {
  const [code, setCode] = useDebouncedField(filters.code, (v) => onChange({ code: v }));
  const [call, setCall] = useDebouncedField(filters.call, (v) => onChange({ call: v }));
  const codeInvalid = code.trim() !== "" && !/^\d{5}$/.test(code.trim());
  return (
    <div role="search" aria-label="Filter errors" className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end">
      <div className="grid gap-1.5">
        <Label htmlFor="debugger-range" className="text-xs text-muted-foreground">
          When
        </Label>
        <Select value={filters.range} onValueChange={(v) => onChange({ range: v as DebuggerRange })}>
          <SelectTrigger id="debugger-range" className="w-full sm:w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {(Object.keys(DEBUGGER_RANGES) as DebuggerRange[]).map((r) => (
              <SelectItem key={r} value={r}>
                {RANGE_LABEL[r]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="debugger-source" className="text-xs text-muted-foreground">
          Source
        </Label>
        <Select value={filters.source ?? ANY} onValueChange={(v) => onChange({ source: v === ANY ? null : (v as DebuggerFilters["source"]) })}>
          <SelectTrigger id="debugger-source" className="w-full sm:w-48">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>Any source</SelectItem>
            {DEBUGGER_SOURCES.map((s) => (
              <SelectItem key={s} value={s}>
                {SOURCE_LABEL[s]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <SearchField
        id="debugger-code"
        label="Error code"
        inputMode="numeric"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder="11200"
        inputClassName="sm:w-32"
        aria-invalid={codeInvalid || undefined}
        aria-describedby={codeInvalid ? "debugger-code-error" : undefined}
      />
      <SearchField id="debugger-call" label="Call SID" value={call} onChange={(e) => setCall(e.target.value)} placeholder="CA…" inputClassName="sm:w-72 font-mono" />
      {active && (
        <Button variant="ghost" onClick={onClear} className="col-span-2 justify-self-start sm:col-span-1">
          <XIcon /> Clear filters
        </Button>
      )}
      {codeInvalid && (
        <p id="debugger-code-error" className="col-span-2 text-xs text-destructive sm:basis-full">
          An error code has five digits, e.g. 11200.
        </p>
      )}
    </div>
  );
}
