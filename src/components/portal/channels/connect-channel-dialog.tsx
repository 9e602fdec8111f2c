"use client";

import type { QueryKey, UseMutationOptions } from "@tanstack/react-query";
import { useState, type FormEvent, type InputHTMLAttributes } from "react";
import { ActionDialog } from "@/components/shared/action-dialog";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export interface ConnectChannelField {
  name: string;
  label: string;
  description?: string;
  /** Secrets are password inputs the browser never autofills; ids are plain text. */
  secret?: boolean;
  placeholder?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>["inputMode"];
}

/**
 * The connect dialog of a Settings → Channels card: text fields whose trimmed values are the mutation's input, errors
 * beside their fields (or above the form), a toast and the card's list refreshed on success. Secrets are stored
 * encrypted and write-only by the server.
 */
export function ConnectChannelDialog<TData, TError extends { message: string }>({
  triggerLabel,
  title,
  description,
  fields,
  mutation,
  success,
  invalidate,
}: {
  triggerLabel: string;
  title: string;
  description: string;
  fields: ConnectChannelField[];
  mutation: UseMutationOptions<TData, TError, never, unknown>;
  success: (data: TData) => string;
  invalidate: QueryKey[];
}) {
  const [open, setOpen] = useState(false);
  const { formRef, errors, attempt, clear } = useFormErrors();
  const connect = useToastMutation(mutation as UseMutationOptions<TData, TError, Record<string, string>, unknown>, { success, invalidate, error: false });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const input = Object.fromEntries(fields.map((f) => [f.name, String(form.get(f.name) ?? "").trim()]));
    if (await attempt(() => connect.mutateAsync(input))) setOpen(false);
  }

  return (
    <ActionDialog
      trigger={<Button size="sm">{triggerLabel}</Button>}
      title={title}
      description={description}
      open={open}
      setOpen={setOpen}
      onClosed={clear}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Connect"
      pendingLabel="Connecting…"
      pending={connect.isPending}
      blocked={null}
    >
      {fields.map((f) => (
        <FormField key={f.name} label={f.label} error={errors?.fields[f.name]} required description={f.description}>
          <Input name={f.name} type={f.secret ? "password" : "text"} inputMode={f.inputMode} autoComplete={f.secret ? "new-password" : "off"} spellCheck={false} placeholder={f.placeholder} />
        </FormField>
      ))}
    </ActionDialog>
  );
}
