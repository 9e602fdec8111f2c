"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, PaperclipIcon } from "lucide-react";
import Link from "next/link";
import { Fact } from "@/components/shared/fact";
import { QueryStates } from "@/components/shared/query-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { MessageStatusBadge } from "@/components/portal/messages/message-status";
import { formatDateTime, formatUnitPrice } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";
import type { MessageRow } from "@/components/portal/messages/types";
import { useTRPC } from "@/trpc/react";

export function MessageDetail({ messageId }: { messageId: string }) {
  const trpc = useTRPC();
  const message = useQuery(trpc.messages.get.queryOptions({ messageId }, { refetchInterval: (q) => (q.state.data && ["QUEUED", "SENDING", "SENT"].includes(q.state.data.status) ? 3_000 : false) }));
  return (
    <div className="flex flex-col gap-4">
      <Button variant="ghost" asChild className="self-start">
        <Link href="/messages">
          <ArrowLeftIcon /> Messages
        </Link>
      </Button>
      <QueryStates query={message} what="the message">
        {(m) => (
          <>
            <PageHeader
              title={m.direction === "INBOUND" ? `From ${address(m.channel, m.from)}` : `To ${address(m.channel, m.to)}`}
              description={<code className="font-mono text-xs">{m.id}</code>}
              actions={<MessageStatusBadge status={m.status} />}
            />
            {m.channel === "EMAIL" && <EmailCard message={m} />}
            <Card>
              <CardHeader>
                <CardTitle>{m.channel === "EMAIL" ? "Text" : "Body"}</CardTitle>
              </CardHeader>
              <CardContent className="flex flex-col gap-2">
                <p className="whitespace-pre-wrap break-words text-sm">{m.body || <span className="text-muted-foreground">No text</span>}</p>
                {m.mediaUrls.length > 0 && (
                  <ul className="flex flex-col gap-1 text-sm">
                    {m.mediaUrls.map((u) => (
                      <li key={u} className="truncate">
                        <a href={u} className="underline underline-offset-4" rel="noreferrer noopener" target="_blank">
                          {u}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Details</CardTitle>
              </CardHeader>
              <CardContent>
                <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
                  <Fact label="Direction">{m.direction === "INBOUND" ? "Inbound" : "Outbound"}</Fact>
                  <Fact label="Channel">{m.channel}</Fact>
                  <Fact label="From">{address(m.channel, m.from)}</Fact>
                  <Fact label="To">{address(m.channel, m.to)}</Fact>
                  <Fact label="Segments">{`${m.numSegments}${m.encoding ? ` (${m.encoding})` : ""}`}</Fact>
                  <Fact label="Cost">{m.priceMicros === null ? "—" : formatUnitPrice(m.priceMicros, m.currency)}</Fact>
                  <Fact label="Provider">{m.provider ?? "—"}</Fact>
                  <Fact label="Provider id">{m.providerMessageId ? <code className="break-all font-mono text-xs">{m.providerMessageId}</code> : "—"}</Fact>
                  <Fact label="Attempts">{m.attempts}</Fact>
                  <Fact label="Created">{formatDateTime(m.createdAt)}</Fact>
                  <Fact label="Sent">{m.sentAt ? formatDateTime(m.sentAt) : "—"}</Fact>
                  <Fact label="Delivered">{m.deliveredAt ? formatDateTime(m.deliveredAt) : "—"}</Fact>
                  <Fact label="Error">{m.errorCode !== null || m.errorMessage ? `${m.errorCode ?? ""} ${m.errorMessage ?? ""}`.trim() : "—"}</Fact>
                  <Fact label="Status callback">{m.statusCallbackUrl ? <span className="break-all">{m.statusCallbackUrl}</span> : "—"}</Fact>
                </dl>
              </CardContent>
            </Card>
          </>
        )}
      </QueryStates>
    </div>
  );
}

const address = (channel: string, value: string) => (channel === "EMAIL" ? value : formatPhoneNumber(value));

type EmailMessage = Pick<MessageRow, "id" | "from" | "to" | "subject" | "html" | "cc" | "bcc" | "threadKey" | "emailMessageId"> & {
  attachments?: { id: string; filename: string; contentType: string; sizeBytes: number }[];
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Subject, addresses, thread, attachments (download links) and the HTML part in a sandboxed frame (no scripts). */
function EmailCard({ message: m }: { message: EmailMessage }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="break-words">{m.subject || "(no subject)"}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Fact label="From">{m.from}</Fact>
          <Fact label="To">{m.to}</Fact>
          {m.cc.length > 0 && <Fact label="Cc">{m.cc.join(", ")}</Fact>}
          {m.bcc.length > 0 && <Fact label="Bcc">{m.bcc.join(", ")}</Fact>}
          <Fact label="Thread">{m.threadKey ? <code className="break-all font-mono text-xs">{m.threadKey}</code> : "—"}</Fact>
          <Fact label="Message-ID">{m.emailMessageId ? <code className="break-all font-mono text-xs">{m.emailMessageId}</code> : "—"}</Fact>
        </dl>
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">Attachments</h3>
          {m.attachments && m.attachments.length > 0 ? (
            <ul className="flex flex-col gap-1 text-sm">
              {m.attachments.map((a) => (
                <li key={a.id} className="flex items-center gap-2">
                  <PaperclipIcon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
                  <a href={`/api/messages/${m.id}/attachments/${a.id}`} className="truncate underline underline-offset-4" download={a.filename}>
                    {a.filename}
                  </a>
                  <span className="shrink-0 text-xs text-muted-foreground">
                    {a.contentType} · {formatBytes(a.sizeBytes)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">No attachments</p>
          )}
        </div>
        {m.html && (
          <div className="flex flex-col gap-2">
            <h3 className="text-sm font-medium">HTML</h3>
            <iframe title="Email HTML" sandbox="" srcDoc={m.html} className="h-64 w-full rounded-md border bg-white" />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
