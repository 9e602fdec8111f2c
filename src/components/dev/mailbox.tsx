"use client";

import { useQuery } from "@tanstack/react-query";
import { InboxIcon, RefreshCwIcon } from "lucide-react";
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/format";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain text with its URLs as real links, so a developer can click through verification and reset mails. */
function LinkifiedText({ text }: { text: string }) {
  return (
    <p className="whitespace-pre-wrap break-words text-sm">
      {text.split(URL_PATTERN).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all text-primary underline underline-offset-4">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </p>
  );
}

export function Mailbox() {
  const trpc = useTRPC();
  const messages = useQuery(trpc.devMail.list.queryOptions(undefined, { refetchInterval: 5_000 }));
  const [htmlOpen, setHtmlOpen] = useState<string | null>(null);

  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 p-4 sm:p-8">
      <PageHeader
        title="Dev mailbox"
        description="Every email the platform sent. Mail goes through Resend only when RESEND_API_KEY is set."
        actions={
          <Button variant="outline" size="sm" onClick={() => void messages.refetch()} disabled={messages.isFetching}>
            <RefreshCwIcon />
            Refresh
          </Button>
        }
        className="pb-0"
      />
      {messages.isPending ? (
        <Skeleton className="h-48 w-full rounded-xl" />
      ) : messages.isError ? (
        <EmptyState icon={<InboxIcon />} title="Mailbox unavailable" description={formErrorsFrom(messages.error).form ?? undefined} />
      ) : messages.data.length === 0 ? (
        <EmptyState icon={<InboxIcon />} title="No mail yet" description="Sign up, invite a teammate or ask for a password reset, and the mail shows up here." />
      ) : (
        messages.data.map((m) => (
          <Card key={m.id} role="article" aria-label={`${m.subject}, to ${m.to}`} className="gap-4">
            <CardHeader>
              <CardTitle className="text-base">{m.subject}</CardTitle>
              <CardDescription>
                To {m.to} · {formatDateTime(m.createdAt)}
              </CardDescription>
              <CardAction className="flex gap-2">
                <Badge variant={m.error ? "destructive" : "secondary"}>{m.error ? "failed" : m.provider}</Badge>
              </CardAction>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              {m.error && <p className="text-sm text-destructive">{m.error}</p>}
              <LinkifiedText text={m.text} />
              <div>
                <Button variant="ghost" size="sm" onClick={() => setHtmlOpen(htmlOpen === m.id ? null : m.id)} aria-expanded={htmlOpen === m.id}>
                  {htmlOpen === m.id ? "Hide HTML version" : "Show HTML version"}
                </Button>
              </div>
              {htmlOpen === m.id && <iframe title={`HTML of ${m.subject}`} srcDoc={m.html} sandbox="allow-popups allow-popups-to-escape-sandbox" className="h-96 w-full rounded-md border bg-white" />}
            </CardContent>
          </Card>
        ))
      )}
    </div>
  );
}
