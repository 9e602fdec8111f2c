"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";
import { Fact } from "@/components/shared/fact";
import { QueryStates } from "@/components/shared/query-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { MessageStatusBadge } from "@/components/portal/messages/message-status";
import { formatDateTime, formatUnitPrice } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";
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
              title={m.direction === "INBOUND" ? `From ${formatPhoneNumber(m.from)}` : `To ${formatPhoneNumber(m.to)}`}
              description={<code className="font-mono text-xs">{m.id}</code>}
              actions={<MessageStatusBadge status={m.status} />}
            />
            <Card>
              <CardHeader>
                <CardTitle>Body</CardTitle>
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
                  <Fact label="From">{formatPhoneNumber(m.from)}</Fact>
                  <Fact label="To">{formatPhoneNumber(m.to)}</Fact>
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
