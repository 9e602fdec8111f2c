"use client";

import { useQuery } from "@tanstack/react-query";
import { PlusIcon, TriangleAlertIcon, WebhookIcon } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { EventTypePicker } from "@/components/portal/webhooks/event-type-picker";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { SecretField } from "@/components/shared/secret-field";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { urlErrorOnField } from "@/components/portal/webhooks/url-error";
import { useTRPC } from "@/trpc/react";

export function CreateWebhookEndpointDialog() {
  const trpc = useTRPC();
  const eventTypes = useQuery(trpc.webhooks.eventTypes.queryOptions());
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<string[]>([]);
  const { formRef, errors, clear, attempt } = useFormErrors();
  // Errors are shown on the form, not toasted.
  const create = useToastMutation(trpc.webhooks.create.mutationOptions(), { invalidate: [trpc.webhooks.list.queryKey()], error: false });

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      // The secret must not survive the dialog.
      setUrl("");
      setDescription("");
      setTypes([]);
      clear();
      create.reset();
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await attempt(() => create.mutateAsync({ url: url.trim(), description, eventTypes: types as never }), urlErrorOnField);
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> Add endpoint
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        {create.data ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <WebhookIcon className="size-5" /> Endpoint added
              </DialogTitle>
              <DialogDescription className="break-all">{create.data.endpoint.url}</DialogDescription>
            </DialogHeader>
            <Alert>
              <TriangleAlertIcon />
              <AlertTitle>Copy the signing secret</AlertTitle>
              <AlertDescription>
                Verify the IRISX-Signature header of every request with it. You can reveal it again later on the endpoint&apos;s page.
              </AlertDescription>
            </Alert>
            <SecretField label="Signing secret" value={create.data.secret} />
            <DialogFooter>
              <Button variant="outline" asChild>
                <Link href={`/settings/webhooks/${create.data.endpoint.id}`}>Open endpoint</Link>
              </Button>
              <Button onClick={() => reset(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form ref={formRef} onSubmit={submit} className="flex flex-col gap-5">
            <DialogHeader>
              <DialogTitle>Add webhook endpoint</DialogTitle>
              <DialogDescription>IRISX POSTs signed JSON to this URL when the events you pick happen, retrying for about 31 hours.</DialogDescription>
            </DialogHeader>
            <FormField label="Endpoint URL" required error={errors?.fields.url} description="HTTPS, on a public address.">
              <Input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/webhooks/irisx" type="url" autoFocus />
            </FormField>
            <FormField label="Description" error={errors?.fields.description}>
              <Input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="CRM sync" maxLength={500} />
            </FormField>
            <EventTypePicker options={eventTypes.data ?? []} value={types} onChange={setTypes} error={errors?.fields.eventTypes} />
            <FormErrorAlert message={errors?.form} />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => reset(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.isPending || url.trim() === "" || types.length === 0}>
                {create.isPending ? "Adding…" : "Add endpoint"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
