"use client";

import { useQuery } from "@tanstack/react-query";
import { FormField } from "@/components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatMoney } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

/** The select's value for "no plan of its own" (the platform default rates). */
export const DEFAULT_PLAN = "default";

/** A tenant's price plan, chosen from the platform's plans (loaded once the dialog is open); rates shown in `currency`. */
export function PricePlanField({ value, onChange, enabled, currency, error }: { value: string; onChange: (planId: string) => void; enabled: boolean; currency: string; error?: string }) {
  const trpc = useTRPC();
  const plans = useQuery({ ...trpc.admin.pricePlans.queryOptions(), enabled });
  return (
    <FormField label="Price plan" error={error}>
      {(control) => (
        <Select value={value} onValueChange={onChange}>
          <SelectTrigger {...control} className="w-full">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={DEFAULT_PLAN}>Platform default</SelectItem>
            {(plans.data ?? []).map((p) => (
              <SelectItem key={p.id} value={p.id}>
                {p.name} · out {formatMoney(p.outboundMicrosPerMinute, currency)}/min · in {formatMoney(p.inboundMicrosPerMinute, currency)}/min
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
    </FormField>
  );
}
