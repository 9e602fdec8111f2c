"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent } from "react";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";

const MAX_DAYS = 3650;

/** Settings card: how many days call recordings are kept (empty: forever). Admins and owners can change it. */
export function RecordingRetentionSettings() {
  const trpc = useTRPC();
  const { formRef, errors, attempt, show } = useFormErrors();
  const settings = useQuery(trpc.recordings.settings.queryOptions());
  const save = useToastMutation(trpc.recordings.setRetention.mutationOptions(), {
    success: ({ retentionDays }) => (retentionDays === null ? "Recordings are kept until deleted" : `Recordings are deleted after ${retentionDays} days`),
    invalidate: [trpc.recordings.settings.queryKey()],
    error: false,
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get("days") ?? "").trim();
    const days = raw === "" ? null : Number(raw);
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)) {
      show({ form: null, fields: { days: `Enter whole days from 1 to ${MAX_DAYS}, or leave empty to keep recordings` }, appCode: null });
      return;
    }
    await attempt(() => save.mutateAsync({ days }));
  }

  if (settings.isPending) return <Skeleton className="h-56 w-full rounded-xl" />;
  if (settings.isError) return <p className="text-sm text-destructive">{formErrorsFrom(settings.error).form}</p>;
  const { retentionDays, canEdit } = settings.data;

  return (
    <Card>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-6" aria-labelledby="recording-retention-title">
        <CardHeader>
          <CardTitle id="recording-retention-title">Call recordings</CardTitle>
          <CardDescription>
            Recordings older than this are deleted every night, audio included. Leave empty to keep them until someone deletes them.
            {!canEdit && " Only admins and owners can change this."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:max-w-xs">
          <FormField label="Delete recordings after (days)" description={retentionDays === null ? "Currently kept forever." : `Currently ${retentionDays} days.`} error={errors?.fields.days ?? errors?.form ?? undefined}>
            <Input
              name="days"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_DAYS}
              step={1}
              placeholder="Keep forever"
              defaultValue={retentionDays ?? ""}
              key={retentionDays ?? "forever"}
              disabled={!canEdit}
            />
          </FormField>
        </CardContent>
        {canEdit && (
          <CardFooter className="border-t pt-6">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
          </CardFooter>
        )}
      </form>
    </Card>
  );
}
