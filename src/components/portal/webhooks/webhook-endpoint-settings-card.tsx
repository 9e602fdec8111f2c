"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { EventTypePicker } from "@/components/portal/webhooks/event-type-picker";
import type { WebhookEndpointRow } from "@/components/portal/webhooks/types";
import { urlErrorOnField } from "@/components/portal/webhooks/url-error";
import { useTRPC } from "@/trpc/react";

export function WebhookEndpointSettingsCard({ endpoint }: { endpoint: WebhookEndpointRow }) {
  const trpc = useTRPC();
  const eventTypes = useQuery(trpc.webhooks.eventTypes.queryOptions());
  const [url, setUrl] = useState(endpoint.url);
  const [description, setDescription] = useState(endpoint.description);
  const [types, setTypes] = useState<string[]>(endpoint.eventTypes);
  const { formRef, errors, attempt } = useFormErrors();
  // Errors are shown beside the fields, not toasted.
  const update = useToastMutation(trpc.webhooks.update.mutationOptions(), {
    success: "Endpoint saved",
    invalidate: [trpc.webhooks.get.queryKey({ id: endpoint.id })],
    error: false,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    await attempt(() => update.mutateAsync({ id: endpoint.id, url: url.trim(), description, eventTypes: types as never }), urlErrorOnField);
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Settings</CardTitle>
        <CardDescription>Where events go and which ones.</CardDescription>
      </CardHeader>
      <CardContent>
        <form ref={formRef} onSubmit={submit} className="flex flex-col gap-4">
          <FormField label="Endpoint URL" required error={errors?.fields.url}>
            <Input value={url} onChange={(e) => setUrl(e.target.value)} type="url" />
          </FormField>
          <FormField label="Description" error={errors?.fields.description}>
            <Input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
          </FormField>
          <EventTypePicker options={eventTypes.data ?? []} value={types} onChange={setTypes} error={errors?.fields.eventTypes} />
          <FormErrorAlert message={errors?.form} />
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
