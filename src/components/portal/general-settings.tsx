"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent } from "react";
import { SaveCardFooter } from "@/components/shared/save-card-footer";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { atLeast } from "@/components/portal/role-labels";
import { TwilioCredentialsCard } from "@/components/portal/twilio-credentials-card";
import { useResendVerification } from "@/components/portal/use-resend-verification";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, formatMoney, titleCase } from "@/lib/format";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";

export function GeneralSettings({ email, emailVerified }: { email: string; emailVerified: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { formRef, errors, attempt } = useFormErrors();
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const rename = useToastMutation(trpc.tenant.rename.mutationOptions(), { success: "Workspace renamed", invalidate: [trpc.tenant.current.queryKey()], error: false });
  const resend = useResendVerification(email);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    if (!(await attempt(() => rename.mutateAsync({ name })))) return;
    // The switcher in the shell is rendered on the server.
    router.refresh();
  }

  if (overview.isPending) return <Skeleton className="h-96 w-full rounded-xl" />;
  if (overview.isError) return <p className="text-sm text-destructive">{formErrorsFrom(overview.error).form}</p>;
  const o = overview.data;
  const canEdit = atLeast(o.role, "ADMIN");
  // The server's TWILIO_CREDENTIALS_ROLE: admins and owners, and developers.
  const seesCredentials = canEdit || o.role === "DEVELOPER";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description="Your workspace and your account." className="pb-0" />
      <Card>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
          <CardHeader>
            <CardTitle>Workspace</CardTitle>
            <CardDescription>{canEdit ? "The name your team and your invitations show." : "Only admins and owners can rename the workspace."}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:max-w-md">
            <FormField label="Workspace name" error={errors?.fields.name ?? errors?.form ?? undefined}>
              <Input name="name" defaultValue={o.name} key={o.name} required disabled={!canEdit} />
            </FormField>
          </CardContent>
          {canEdit && <SaveCardFooter saving={rename.isPending} />}
        </form>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Details</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-muted-foreground">Workspace ID</dt>
              <dd className="flex items-center gap-1 font-mono text-xs">
                <span className="truncate">{o.id}</span>
                <CopyButton value={o.id} />
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Your role</dt>
              <dd>{titleCase(o.role)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Credit balance</dt>
              <dd className="tabular-nums">{formatMoney(o.creditMicros, o.currency)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Created</dt>
              <dd>{formatDate(o.createdAt)}</dd>
            </div>
          </dl>
        </CardContent>
      </Card>

      {seesCredentials && <TwilioCredentialsCard canRotate={canEdit} />}

      <Card>
        <CardHeader>
          <CardTitle>Your account</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-wrap items-center gap-3 text-sm">
          <span>{email}</span>
          {emailVerified ? <Badge variant="success">Verified</Badge> : <Badge variant="warning">Not verified</Badge>}
          {!emailVerified && (
            <Button size="sm" variant="outline" onClick={() => resend.mutate()} disabled={resend.isPending}>
              {resend.isPending ? "Sending…" : "Resend confirmation link"}
            </Button>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
