"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import type { WebhookEventTypeOption } from "@/components/portal/webhooks/types";

const DOMAIN_LABELS: Record<string, string> = {
  calls: "Calls",
  api_keys: "API keys",
  team: "Team",
  account: "Account",
  webhooks: "Webhooks",
};

/** Event type checkboxes grouped by domain, plus "all events" (which also covers types added later). */
export function EventTypePicker({
  options,
  value,
  onChange,
  error,
}: {
  options: WebhookEventTypeOption[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const all = value.includes("*");
  const domains = [...new Set(options.map((o) => o.domain))];
  const toggle = (type: string, on: boolean) => onChange(on ? [...value.filter((t) => t !== type), type] : value.filter((t) => t !== type));
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-2 text-sm font-medium">Events to send</legend>
      <div className="flex items-center gap-2 rounded-md border p-2">
        <Checkbox id="event-all" checked={all} onCheckedChange={(v) => onChange(v === true ? ["*"] : [])} />
        <Label htmlFor="event-all" className="flex flex-col items-start gap-0.5 font-normal">
          <span className="text-sm font-medium">All events</span>
          <span className="text-xs text-muted-foreground">Including event types added in the future.</span>
        </Label>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {domains.map((domain) => (
          <div key={domain} className="flex flex-col gap-1.5">
            <span className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">{DOMAIN_LABELS[domain] ?? domain}</span>
            {options
              .filter((o) => o.domain === domain)
              .map((o) => {
                const id = `event-${o.type}`;
                return (
                  <div key={o.type} className="flex items-start gap-2">
                    <Checkbox id={id} checked={all || value.includes(o.type)} disabled={all} onCheckedChange={(v) => toggle(o.type, v === true)} />
                    <Label htmlFor={id} className="flex flex-col items-start gap-0.5 font-normal">
                      <code className="font-mono text-xs font-medium">{o.type}</code>
                      <span className="text-xs text-muted-foreground">{o.description}</span>
                    </Label>
                  </div>
                );
              })}
          </div>
        ))}
      </div>
      {error && <p className="text-sm text-destructive">{error}</p>}
    </fieldset>
  );
}
