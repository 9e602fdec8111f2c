"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { WebhookAttemptHour } from "@/components/portal/webhooks/types";

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** Attempts per hour over the last 24 h: successes and failures stacked. */
export function WebhookDeliveryChart({ hours }: { hours: WebhookAttemptHour[] }) {
  const data = hours.map((h) => ({ hour: hourFormat.format(h.hour), Succeeded: h.succeeded, Failed: h.failed }));
  return (
    <div className="h-40 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -24 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} className="stroke-border" />
          <XAxis dataKey="hour" tickLine={false} axisLine={false} fontSize={11} interval={3} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} />
          <Tooltip cursor={{ fillOpacity: 0.1 }} contentStyle={{ fontSize: 12 }} />
          <Bar dataKey="Succeeded" stackId="a" fill="var(--color-success, #16a34a)" />
          <Bar dataKey="Failed" stackId="a" fill="var(--color-destructive, #dc2626)" radius={[2, 2, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
