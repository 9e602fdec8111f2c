"use client";

import { useId } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";

const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));

/** Ticks for a set of values; `summary` under them (e.g. how many are ticked, or what none means). */
export function CheckboxGroup<T extends string | number>(props: {
  legend: string;
  options: { value: T; label: string }[];
  value: T[];
  onChange: (v: T[]) => void;
  disabled?: boolean;
  summary?: (value: T[]) => string;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset className="grid gap-2" disabled={props.disabled} aria-invalid={props.error ? true : undefined}>
      <legend className="mb-2 text-sm font-medium">{props.legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {props.options.map((o) => (
          <div key={String(o.value)} className="flex items-center gap-2">
            <Checkbox id={`${id}-${o.value}`} checked={props.value.includes(o.value)} onCheckedChange={(on) => props.onChange(toggle(props.value, o.value, on === true))} disabled={props.disabled} />
            <Label htmlFor={`${id}-${o.value}`} className="font-normal">
              {o.label}
            </Label>
          </div>
        ))}
      </div>
      {props.summary && <p className="text-xs text-muted-foreground">{props.summary(props.value)}</p>}
      {props.error && <p className="text-xs text-destructive">{props.error}</p>}
    </fieldset>
  );
}
