"use client";

import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useTRPC } from "@/trpc/react";
import { SpeechKeyDialog } from "./speech-key-dialog";
import type { SpeechProviderRow, SpeechSettings } from "./types";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function KeyStatus({ row }: { row: SpeechProviderRow }) {
  if (row.ownKey) return <span>Your key ••••{row.ownKey.hint}, set {dateFormat.format(new Date(row.ownKey.updatedAt))}</span>;
  if (row.platformKey) return <span className="text-muted-foreground">Platform key</span>;
  return <span className="text-muted-foreground">No key: add yours to use {row.label}</span>;
}

function RemoveKeyButton({ row }: { row: SpeechProviderRow }) {
  const trpc = useTRPC();
  const remove = useToastMutation(trpc.speech.removeKey.mutationOptions(), {
    success: `${row.label} key removed`,
    invalidate: [trpc.speech.settings.queryKey()],
  });
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" aria-label={`Remove your ${row.label} key`}>
          Remove
        </Button>
      }
      title={`Remove your ${row.label} key?`}
      description={row.platformKey ? `Calls will use the platform's ${row.label} key again.` : `Voices and recognition that need ${row.label} will fail until a key is added.`}
      confirmLabel="Remove key"
      destructive
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ provider: row.provider })}
    />
  );
}

/** Each provider, what it does, and whose key its requests use; admins add, replace or remove their own. */
export function ProviderKeysCard({ settings }: { settings: SpeechSettings }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Provider keys</CardTitle>
        <CardDescription>
          Bring your own account with a provider, and its requests are billed there. Keys are write-only.
          {!settings.canEdit && " Only admins and owners can change them."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y" aria-label="Speech providers">
          {settings.providers.map((row) => (
            <li key={row.provider} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
              <div className="flex min-w-0 flex-col gap-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{row.label}</span>
                  {row.textToSpeech && <Badge variant="secondary">Text to speech</Badge>}
                  {row.speechToText && <Badge variant="secondary">Speech to text</Badge>}
                </div>
                <div className="text-sm">
                  <KeyStatus row={row} />
                </div>
              </div>
              {settings.canEdit && (
                <div className="flex shrink-0 gap-2">
                  <SpeechKeyDialog row={row} />
                  {row.ownKey && <RemoveKeyButton row={row} />}
                </div>
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
