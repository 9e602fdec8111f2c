"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Two labelled date inputs (yyyy-mm-dd) for a range of days, each bounding the other; a filter bar's cells. */
export function DayRangeFields({
  idPrefix,
  labels,
  from,
  to,
  onChange,
  inputClassName,
}: {
  idPrefix: string;
  labels: [from: string, to: string];
  from: string;
  to: string;
  onChange: (patch: { from?: string; to?: string }) => void;
  inputClassName: string;
}) {
  return (
    <>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-from`} className="text-xs text-muted-foreground">
          {labels[0]}
        </Label>
        <Input id={`${idPrefix}-from`} type="date" value={from} max={to || undefined} onChange={(e) => onChange({ from: e.target.value })} className={inputClassName} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-to`} className="text-xs text-muted-foreground">
          {labels[1]}
        </Label>
        <Input id={`${idPrefix}-to`} type="date" value={to} min={from || undefined} onChange={(e) => onChange({ to: e.target.value })} className={inputClassName} />
      </div>
    </>
  );
}
