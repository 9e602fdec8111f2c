"use client";

import { type FormEvent, type ReactNode } from "react";
import { SaveCardFooter } from "@/components/shared/save-card-footer";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { formErrorsFrom } from "@/lib/trpc-error";

export interface IntegerSettingCardProps {
  /** Id of the card's title (the form's accessible name). */
  titleId: string;
  title: string;
  description: ReactNode;
  /** The field's form name and label, the stored value, and a line about it under the field. */
  name: string;
  label: string;
  value: number | null;
  current: string;
  min: number;
  max: number;
  /** Placeholder of the empty field; when given, an empty field saves null (e.g. "Keep forever"). */
  emptyMeans?: string;
  /** Shown on the field when the input is not a whole number in range. */
  rangeMessage: string;
  canEdit: boolean;
  saving: boolean;
  save: (value: number | null) => Promise<unknown>;
}

/** A settings card with one whole-number field (checked in range here, then by the server) and a Save button for those who may edit. */
export function IntegerSettingCard(props: IntegerSettingCardProps) {
  const { formRef, errors, attempt, show } = useFormErrors();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get(props.name) ?? "").trim();
    const value = raw === "" && props.emptyMeans !== undefined ? null : Number(raw);
    if (value !== null && (raw === "" || !Number.isInteger(value) || value < props.min || value > props.max)) {
      show({ form: null, fields: { [props.name]: props.rangeMessage }, appCode: null });
      return;
    }
    await attempt(() => props.save(value));
  }

  return (
    <Card>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-6" aria-labelledby={props.titleId}>
        <CardHeader>
          <CardTitle id={props.titleId}>{props.title}</CardTitle>
          <CardDescription>
            {props.description}
            {!props.canEdit && " Only admins and owners can change this."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:max-w-xs">
          <FormField label={props.label} description={props.current} error={errors?.fields[props.name] ?? errors?.form ?? undefined}>
            <Input
              name={props.name}
              type="number"
              inputMode="numeric"
              min={props.min}
              max={props.max}
              step={1}
              placeholder={props.emptyMeans}
              defaultValue={props.value ?? ""}
              key={props.value ?? "empty"}
              disabled={!props.canEdit}
            />
          </FormField>
        </CardContent>
        {props.canEdit && <SaveCardFooter saving={props.saving} />}
      </form>
    </Card>
  );
}

/** What a settings card shows until its settings are loaded: a placeholder, or why they could not be. */
export function SettingCardPlaceholder({ error }: { error: unknown }) {
  if (!error) return <Skeleton className="h-56 w-full rounded-xl" />;
  return <p className="text-sm text-destructive">{formErrorsFrom(error).form}</p>;
}
