"use client";

import { useState, type FormEvent } from "react";
import { ActionDialog } from "@/components/shared/action-dialog";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";
import type { SpeechProviderRow } from "./types";

/** Adds or replaces the tenant's own key for a provider. Write-only: the key is never shown again. */
export function SpeechKeyDialog({ row }: { row: SpeechProviderRow }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const { formRef, errors, attempt, clear } = useFormErrors();
  const save = useToastMutation(trpc.speech.setKey.mutationOptions(), {
    success: ({ hint }) => `${row.label} key ending in ${hint} saved`,
    invalidate: [trpc.speech.settings.queryKey()],
    error: false,
  });
  const polly = row.provider === "polly";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const input = polly
      ? { provider: "polly" as const, accessKeyId: value("accessKeyId"), secretAccessKey: value("secretAccessKey"), region: value("region") }
      : { provider: row.provider as "openai" | "elevenlabs" | "google" | "deepgram", apiKey: value("apiKey") };
    if (await attempt(() => save.mutateAsync(input))) setOpen(false);
  }

  return (
    <ActionDialog
      trigger={
        <Button size="sm" variant="outline" aria-label={`${row.ownKey ? "Replace" : "Add"} your ${row.label} key`}>
          {row.ownKey ? "Replace key" : "Add key"}
        </Button>
      }
      title={`Your ${row.label} key`}
      description={`Requests to ${row.label} from your calls use this key instead of the platform's. It is stored encrypted and never shown again, only its last four characters.`}
      open={open}
      setOpen={setOpen}
      onClosed={clear}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Save key"
      pendingLabel="Saving…"
      pending={save.isPending}
      blocked={null}
    >
      {polly ? (
        <>
          <FormField label="Access key ID" error={errors?.fields.accessKeyId} required>
            <Input name="accessKeyId" autoComplete="off" spellCheck={false} placeholder="AKIA…" />
          </FormField>
          <FormField label="Secret access key" error={errors?.fields.secretAccessKey} required>
            <Input name="secretAccessKey" type="password" autoComplete="new-password" />
          </FormField>
          <FormField label="Region" error={errors?.fields.region} required description="The AWS region Polly is called in.">
            <Input name="region" autoComplete="off" spellCheck={false} defaultValue="us-east-1" />
          </FormField>
        </>
      ) : (
        <FormField label="API key" error={errors?.fields.apiKey} required>
          <Input name="apiKey" type="password" autoComplete="new-password" spellCheck={false} />
        </FormField>
      )}
    </ActionDialog>
  );
}
