"use client";

import type { LucideIcon } from "lucide-react";
import type { ReactElement, ReactNode } from "react";
import { SettingCardPlaceholder } from "@/components/portal/integer-setting-card";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export const channelDateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export interface ConnectedChannelRow {
  id: string;
  /** What the account knows it by: a number, a workspace, a bot's @username. */
  name: string;
  /** Ids, the token's last four, since when: each part wraps as a whole (a long one alone breaks inside). */
  detail: string[];
}

/**
 * One card of Settings → Channels: what the account connected on a channel (WhatsApp numbers, Slack workspaces,
 * Telegram bots, Discord applications), each with a remove button; the connect action in the header, or in the empty
 * state when there is nothing yet; a skeleton while loading and the error when the list fails.
 */
export function ConnectedChannelCard({
  title,
  description,
  icon,
  listLabel,
  badge,
  empty,
  connect,
  rows,
  error,
  remove,
}: {
  title: string;
  description: ReactNode;
  icon: LucideIcon;
  listLabel: string;
  badge: string;
  empty: { title: string; description: string };
  connect: ReactElement;
  rows: ConnectedChannelRow[] | undefined;
  error: unknown;
  remove: (row: ConnectedChannelRow) => ReactNode;
}) {
  if (!rows) return <SettingCardPlaceholder error={error} />;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex flex-col gap-1.5">
          <CardTitle>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
        {rows.length > 0 && connect}
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <EmptyState icon={icon} title={empty.title} description={empty.description} action={connect} />
        ) : (
          <ul className="divide-y" aria-label={listLabel}>
            {rows.map((row) => (
              <li key={row.id} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex min-w-0 flex-col gap-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium tabular-nums break-all">{row.name}</span>
                    <Badge variant="secondary">{badge}</Badge>
                  </div>
                  <div className="text-sm text-muted-foreground">
                    {row.detail.map((part, i) => (
                      <span key={part} className="inline-block max-w-full break-all">
                        {part}
                        {i < row.detail.length - 1 && <span aria-hidden>&nbsp;·&nbsp;</span>}
                      </span>
                    ))}
                  </div>
                </div>
                <div className="flex shrink-0 gap-2">{remove(row)}</div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** The confirmed remove (disconnect) button of one row. */
export function RemoveChannelButton({ name, verb, description, pending, onConfirm }: { name: string; verb: "Remove" | "Disconnect"; description: string; pending: boolean; onConfirm: () => void }) {
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" aria-label={`${verb} ${name}`}>
          {verb}
        </Button>
      }
      title={`${verb} ${name}?`}
      description={description}
      confirmLabel={verb}
      destructive
      pending={pending}
      onConfirm={onConfirm}
    />
  );
}
