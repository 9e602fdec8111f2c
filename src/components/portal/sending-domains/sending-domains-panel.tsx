"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { CheckCircle2Icon, MailCheckIcon, RefreshCwIcon, XCircleIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { QueryStates } from "@/components/shared/query-states";
import { conflictOnField, useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["sendingDomains"];
type SendingDomainRow = Outputs["list"]["items"][number];
type AddressValidation = Outputs["validateAddress"];

const STATUS = {
  verified: { label: "Verified", variant: "success" },
  failing: { label: "Needs DNS changes", variant: "warning" },
  unchecked: { label: "Not checked yet", variant: "outline" },
} as const;

const CHECKS = [
  { key: "spf", label: "SPF", why: "lets the platform send as this domain" },
  { key: "dkim", label: "DKIM", why: "the key receivers check each message's signature with" },
  { key: "dmarc", label: "DMARC", why: "tells receivers what to do with mail that fails SPF and DKIM" },
] as const;

function DomainCard({ d }: { d: SendingDomainRow }) {
  const trpc = useTRPC();
  const invalidate = [trpc.sendingDomains.list.queryKey()];
  const verify = useToastMutation(trpc.sendingDomains.verify.mutationOptions(), {
    success: (r) => (r.status === "verified" ? `${r.domain} is verified` : `${r.domain}: some records are missing or wrong`),
    invalidate,
  });
  const remove = useToastMutation(trpc.sendingDomains.delete.mutationOptions(), { success: (r) => `${r.domain} removed`, invalidate });
  return (
    <Card data-testid={`domain-${d.domain}`}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 break-all">
          {d.domain} <Badge variant={STATUS[d.status].variant}>{STATUS[d.status].label}</Badge>
        </CardTitle>
        <CardDescription>{d.checkedAt ? `Checked ${formatDateTime(d.checkedAt)}` : "Add the records below at your DNS provider, then check."}</CardDescription>
        <CardAction className="flex gap-2">
          <Button size="sm" onClick={() => verify.mutate({ id: d.id })} disabled={verify.isPending}>
            <RefreshCwIcon className={verify.isPending ? "animate-spin" : undefined} /> {verify.isPending ? "Checking…" : "Check DNS"}
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {CHECKS.map(({ key, label, why }) => {
          const check = d.checks?.[key];
          const record = d.records[key];
          return (
            <section key={key} aria-label={`${label} record`} className="flex flex-col gap-2 rounded-md border p-3">
              <div className="flex flex-wrap items-center gap-2">
                {check ? (
                  check.pass ? (
                    <CheckCircle2Icon className="size-4 text-success" aria-hidden />
                  ) : (
                    <XCircleIcon className="size-4 text-destructive" aria-hidden />
                  )
                ) : null}
                <span className="font-medium">{label}</span>
                {check && <Badge variant={check.pass ? "success" : "destructive"}>{check.pass ? "Pass" : "Fail"}</Badge>}
                <span className="text-xs text-muted-foreground">{why}</span>
              </div>
              {check && <p className="text-sm">{check.detail}</p>}
              {!check?.pass && (
                <dl className="grid gap-1 text-sm sm:grid-cols-[6rem_minmax(0,1fr)]">
                  <dt className="text-muted-foreground">Type</dt>
                  <dd className="font-mono">TXT</dd>
                  <dt className="text-muted-foreground">Host</dt>
                  <dd className="flex min-w-0 items-center gap-1">
                    <code className="min-w-0 break-all">{record.host}</code>
                    <CopyButton value={record.host} label={`Copy the ${label} host`} />
                  </dd>
                  <dt className="text-muted-foreground">Value</dt>
                  <dd className="flex min-w-0 items-start gap-1">
                    <code className="max-h-24 min-w-0 overflow-auto break-all">{record.value}</code>
                    <CopyButton value={record.value} label={`Copy the ${label} value`} />
                  </dd>
                </dl>
              )}
              {check && check.found.length > 0 && !check.pass && (
                <p className="text-xs break-all text-muted-foreground">
                  Found now: <code>{check.found.join(" | ")}</code>
                </p>
              )}
            </section>
          );
        })}
        <div className="flex justify-end">
          <ConfirmDialog
            title={`Remove ${d.domain}?`}
            description="Its DKIM key is deleted: mail can no longer be signed for it. You can add it again later (with a new key)."
            confirmLabel="Remove"
            destructive
            pending={remove.isPending}
            onConfirm={() => remove.mutate({ id: d.id })}
            trigger={
              <Button size="sm" variant="ghost" className="text-destructive">
                Remove domain
              </Button>
            }
          />
        </div>
      </CardContent>
    </Card>
  );
}

function AddDomainForm() {
  const trpc = useTRPC();
  const [domain, setDomain] = useState("");
  const { formRef, errors, attempt } = useFormErrors();
  const create = useToastMutation(trpc.sendingDomains.create.mutationOptions(), { success: (d) => `${d.domain} added: publish its records`, invalidate: [trpc.sendingDomains.list.queryKey()], error: false });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await attempt(() => create.mutateAsync({ domain }), conflictOnField("domain"))) setDomain("");
  }
  return (
    <form ref={formRef} onSubmit={submit} className="flex flex-col gap-2 sm:flex-row sm:items-start" aria-label="Add a sending domain">
      <FormField label="Domain" hideLabel error={errors?.fields.domain ?? errors?.form} className="flex-1">
        <Input value={domain} onChange={(e) => setDomain(e.target.value)} placeholder="mail.example.com" autoComplete="off" spellCheck={false} />
      </FormField>
      <Button type="submit" disabled={create.isPending || !domain.trim()}>
        {create.isPending ? "Adding…" : "Add domain"}
      </Button>
    </form>
  );
}

function AddressCheck() {
  const trpc = useTRPC();
  const [address, setAddress] = useState("");
  const [result, setResult] = useState<AddressValidation | null>(null);
  const validate = useToastMutation(trpc.sendingDomains.validateAddress.mutationOptions({ onSuccess: setResult }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Check an address</CardTitle>
        <CardDescription>Its syntax, and whether its domain receives mail (MX, or the domain&apos;s own address).</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            validate.mutate({ address });
          }}
        >
          <Input aria-label="Email address" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="ada@example.com" type="text" inputMode="email" spellCheck={false} />
          <Button type="submit" variant="outline" disabled={!address.trim() || validate.isPending}>
            {validate.isPending ? "Checking…" : "Check"}
          </Button>
        </form>
        {result && (
          <div className="flex flex-col gap-1 text-sm" aria-live="polite" data-testid="address-result">
            <p className="flex flex-wrap items-center gap-2">
              <Badge variant={result.status === "valid" ? "success" : result.status === "invalid" ? "destructive" : "warning"}>{result.status === "valid" ? "Valid" : result.status === "invalid" ? "Invalid" : "Unknown"}</Badge>
              <span className="break-all">{result.address}</span>
            </p>
            <p>{result.detail}</p>
            {result.mailHosts.length > 0 && (
              <p className="text-muted-foreground">
                Mail hosts: {result.mailHosts.map((h) => `${h.exchange} (${h.priority})`).join(", ")}
              </p>
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/** Settings → Sending domains: the records each domain needs, a live DNS check of them, and an address checker. */
export function SendingDomainsPanel() {
  const trpc = useTRPC();
  const list = useQuery(trpc.sendingDomains.list.queryOptions({ limit: 100 }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Sending domains" description="Send email as your own domain: publish SPF, DKIM and DMARC records, then check them here." />
      <AddDomainForm />
      <QueryStates
        query={list}
        what="sending domains"
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState icon={MailCheckIcon} title="No sending domains yet" description="Add the domain your email comes from (e.g. mail.example.com) to get the DNS records it needs." />}
      >
        {(page) => (
          <div className="flex flex-col gap-4">
            {page.items.map((d) => (
              <DomainCard key={d.id} d={d} />
            ))}
          </div>
        )}
      </QueryStates>
      <AddressCheck />
    </div>
  );
}
