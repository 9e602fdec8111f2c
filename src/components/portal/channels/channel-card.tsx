"use client";

// The shape every chat channel's card on Settings → Channels shares: a header with the connect action (once there
// is something listed), an empty state carrying the same action, a labelled list of connections, and the
// confirmation before one is removed.
import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { SettingCardPlaceholder } from "@/components/portal/integer-setting-card";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export const channelDateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** A channel's card over its connections' query: the placeholder while it loads (or its error), then the list. */
export function ChannelCard<T>(props: {
  query: { data: T[] | undefined; error: unknown };
  title: string;
  description: ReactNode;
  action: ReactNode;
  empty: { icon: LucideIcon; title: string; description: string };
  listLabel: string;
  row: (item: T) => ReactNode;
}) {
  const rows = props.query.data;
  if (!rows) return <SettingCardPlaceholder error={props.query.error} />;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex flex-col gap-1.5">
          <CardTitle>{props.title}</CardTitle>
          <CardDescription>{props.description}</CardDescription>
        </div>
        {rows.length > 0 && props.action}
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <EmptyState icon={props.empty.icon} title={props.empty.title} description={props.empty.description} action={props.action} />
        ) : (
          <ul className="divide-y" aria-label={props.listLabel}>
            {rows.map(props.row)}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** One connection: its name and state, a line of details, and its actions. */
export function ChannelRow(props: { name: string; state: string; details: ReactNode; actions: ReactNode }) {
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{props.name}</span>
          <Badge variant="secondary">{props.state}</Badge>
        </div>
        <div className="text-sm text-muted-foreground break-all">{props.details}</div>
      </div>
      <div className="flex shrink-0 flex-wrap gap-2">{props.actions}</div>
    </li>
  );
}

/** "Remove"/"Disconnect" with a confirmation saying what stops working. */
export function RemoveChannelButton(props: { verb: string; name: string; description: string; pending: boolean; onConfirm: () => void }) {
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" aria-label={`${props.verb} ${props.name}`}>
          {props.verb}
        </Button>
      }
      title={`${props.verb} ${props.name}?`}
      description={props.description}
      confirmLabel={props.verb}
      destructive
      pending={props.pending}
      onConfirm={props.onConfirm}
    />
  );
}
