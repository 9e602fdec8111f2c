"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { numberFormFrom, numberSettingsInput, type NumberFormValues } from "@/components/portal/numbers/number-form";
import { NumberSettingsFields } from "@/components/portal/numbers/number-settings-fields";
import { NumberFlowCard } from "@/components/portal/numbers/number-flow-card";
import type { PhoneNumberRow } from "@/components/portal/numbers/types";
import { atLeast } from "@/components/portal/role-labels";
import { formatDateTime } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";
import { useTRPC } from "@/trpc/react";

function SettingsCard({ number, canManage }: { number: PhoneNumberRow; canManage: boolean }) {
  const trpc = useTRPC();
  const [values, setValues] = useState<NumberFormValues>(() => numberFormFrom(number));
  const { formRef, errors, attempt } = useFormErrors();
  const update = useToastMutation(trpc.numbers.update.mutationOptions(), {
    success: "Number saved",
    invalidate: [trpc.numbers.get.queryKey({ id: number.id }), trpc.numbers.list.queryKey()],
    error: false,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    await attempt(() => update.mutateAsync({ id: number.id, ...numberSettingsInput(values) }));
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Handlers and routing</CardTitle>
        <CardDescription>Where calls and messages to this number go, and how calls from it leave.</CardDescription>
      </CardHeader>
      <CardContent>
        <form ref={formRef} onSubmit={submit} className="flex flex-col gap-5">
          <fieldset disabled={!canManage} className="contents">
            <NumberSettingsFields values={values} onChange={setValues} errors={errors?.fields} />
          </fieldset>
          <FormErrorAlert message={errors?.form} />
          {canManage ? (
            <div>
              <Button type="submit" disabled={update.isPending}>
                {update.isPending ? "Saving…" : "Save changes"}
              </Button>
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">Only owners and admins can change numbers.</p>
          )}
        </form>
      </CardContent>
    </Card>
  );
}

function ReleaseButton({ number }: { number: PhoneNumberRow }) {
  const trpc = useTRPC();
  const router = useRouter();
  const release = useToastMutation(trpc.numbers.release.mutationOptions({ onSuccess: () => router.push("/numbers") }), {
    success: (r) => `${r.phoneNumber} released`,
    invalidate: [trpc.numbers.list.queryKey()],
  });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" className="text-destructive hover:text-destructive">
          Release number
        </Button>
      }
      title={`Release ${formatPhoneNumber(number.phoneNumber)}?`}
      description="Calls to it are refused from now on and it can no longer place calls. Past calls keep their history. To use it again you add it again."
      cancelLabel="Keep number"
      confirmLabel="Release number"
      destructive
      pending={release.isPending}
      onConfirm={() => release.mutate({ id: number.id })}
    />
  );
}

export function PhoneNumberDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const number = useQuery(trpc.numbers.get.queryOptions({ id }));
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const canManage = atLeast(overview.data?.role ?? "AGENT", "ADMIN");

  const back = (
    <Link href="/numbers" className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon className="size-4" /> Phone numbers
    </Link>
  );
  if (number.isPending) {
    return (
      <div className="flex flex-col gap-6">
        {back}
        <Skeleton className="h-10 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (number.isError) {
    return (
      <div className="flex flex-col gap-3">
        {back}
        <p className="text-sm text-destructive">{number.error.data?.code === "NOT_FOUND" ? "This phone number does not exist, or it was released." : number.error.message}</p>
      </div>
    );
  }
  const n = number.data;
  return (
    <div className="flex flex-col gap-6">
      {back}
      <PageHeader
        title={<span className="tabular-nums">{formatPhoneNumber(n.phoneNumber)}</span>}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {n.friendlyName && <span>{n.friendlyName}</span>}
            <span>Added {formatDateTime(n.createdAt)}</span>
            {n.voiceFlowId && <Badge variant="outline">Answered by an IVR flow</Badge>}
          </span>
        }
        actions={canManage ? <ReleaseButton number={n} /> : undefined}
      />
      <div className="flex max-w-3xl flex-col gap-6">
        <NumberFlowCard key={`flow-${n.updatedAt.toISOString()}`} number={n} canManage={canManage} />
        <SettingsCard key={n.updatedAt.toISOString()} number={n} canManage={canManage} />
      </div>
    </div>
  );
}
