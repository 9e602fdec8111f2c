"use client";

// A channel's connect form in a dialog: the named fields read trimmed from the form, the mutation's errors shown
// beside their fields (focus moves to the first), closed and emptied on success.
import { useState, type FormEvent, type ReactElement, type ReactNode } from "react";
import { ActionDialog } from "@/components/shared/action-dialog";
import { useFormErrors } from "@/components/shared/use-form-errors";
import type { FormErrors } from "@/lib/trpc-error";

export function ConnectChannelDialog<F extends string>(props: {
  trigger: ReactElement;
  title: string;
  description: ReactNode;
  fieldNames: readonly F[];
  connect: (values: Record<F, string>) => Promise<unknown>;
  pending: boolean;
  children: (fieldErrors: FormErrors["fields"] | undefined) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const { formRef, errors, attempt, clear } = useFormErrors();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const values = Object.fromEntries(props.fieldNames.map((name) => [name, String(form.get(name) ?? "").trim()])) as Record<F, string>;
    if (await attempt(() => props.connect(values))) setOpen(false);
  }

  return (
    <ActionDialog
      trigger={props.trigger}
      title={props.title}
      description={props.description}
      open={open}
      setOpen={setOpen}
      onClosed={clear}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Connect"
      pendingLabel="Connecting…"
      pending={props.pending}
      blocked={null}
    >
      {props.children(errors?.fields)}
    </ActionDialog>
  );
}
