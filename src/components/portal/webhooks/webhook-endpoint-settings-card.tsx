"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { EventTypePicker } from "@/components/portal/webhooks/event-type-picker";
import type { WebhookEndpointRow } from "@/components/portal/webhooks/types";
import { urlErrorOf } from "@/components/portal/webhooks/url-error";
import { useTRPC } from "@/trpc/react";

export function WebhookEndpointSettingsCard({ endpoint }: { endpoint: WebhookEndpointRow }) {
  const trpc = useTRPC();
  const eventTypes = useQuery(trpc.webhooks.eventTypes.queryOptions());
  const [url, setUrl] = useState(endpoint.url);
  const [description, setDescription] = useState(endpoint.description);
  const [types, setTypes] = useState<string[]>(endpoint.eventTypes);
  // Errors are shown beside the fields, not toasted.
  const update = useToastMutation(trpc.webhooks.update.mutationOptions(), {
    success: "Endpoint saved",
    invalidate: [trpc.webhooks.get.queryKey({ id: endpoint.id })],
    error: false,
  });
  const fieldErrors = update.error?.data?.fieldErrors as Record<string, string[] | undefined> | null | undefined;
  const urlError = urlErrorOf(update.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ id: endpoint.id, url: url.trim(), description, eventTypes: types as never });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Settings</CardTitle>
        <CardDescription>Where events go and which ones.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <FormField label="Endpoint URL" required error={urlError}>
            <Input value={url} onChange={(e) => setUrl(e.target.value)} type="url" />
          </FormField>
          <FormField label="Description" error={fieldErrors?.description?.[0]}>
            <Input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
          </FormField>
          <EventTypePicker options={eventTypes.data ?? []} value={types} onChange={setTypes} error={fieldErrors?.eventTypes?.[0]} />
          {update.error && !urlError && !fieldErrors && <p className="text-sm text-destructive">{update.error.message}</p>}
          <div>
            <Button type="submit" disabled={update.isPending || url.trim() === "" || types.length === 0}>
              {update.isPending ? "Saving…" : "Save changes"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
