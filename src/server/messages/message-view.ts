// A message as use-cases return it, and the REST resource built from it.
import { z } from "zod";
import type { Message } from "@/generated/prisma/client";
import { channelName, MESSAGE_CHANNEL_NAMES, MESSAGE_DIRECTION_NAMES, MESSAGE_STATUS_NAMES, statusName } from "@/server/messages/messages.schemas";

export type MessageView = Pick<
  Message,
  | "id" | "tenantId" | "channel" | "direction" | "status" | "from" | "to" | "body" | "mediaUrls" | "phoneNumberId" | "provider" | "providerMessageId"
  | "numSegments" | "encoding" | "priceMicros" | "currency" | "statusCallbackUrl" | "statusCallbackMethod" | "apiSurface" | "errorCode" | "errorMessage"
  | "attempts" | "inReplyToId" | "createdAt" | "sentAt" | "deliveredAt" | "readAt" | "updatedAt"
  | "subject" | "html" | "cc" | "bcc" | "emailMessageId" | "emailInReplyTo" | "emailReferences" | "threadKey"
> & { attachments?: AttachmentSummary[] };

export interface AttachmentSummary {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

export const ATTACHMENT_SUMMARY_SELECT = { id: true, filename: true, contentType: true, sizeBytes: true } as const;

export const MESSAGE_VIEW_SELECT = {
  id: true, tenantId: true, channel: true, direction: true, status: true, from: true, to: true, body: true, mediaUrls: true, phoneNumberId: true,
  provider: true, providerMessageId: true, numSegments: true, encoding: true, priceMicros: true, currency: true, statusCallbackUrl: true,
  statusCallbackMethod: true, apiSurface: true, errorCode: true, errorMessage: true, attempts: true, inReplyToId: true, createdAt: true, sentAt: true,
  deliveredAt: true, readAt: true, updatedAt: true, subject: true, html: true, cc: true, bcc: true, emailMessageId: true, emailInReplyTo: true,
  emailReferences: true, threadKey: true,
} as const;

export const ZMessageResource = z
  .object({
    id: z.string().meta({ description: "Message id: SM + 32 hex", example: "SM8f2c1e0d9b7a65432109876543210fed" }),
    channel: z.enum(MESSAGE_CHANNEL_NAMES),
    direction: z.enum(MESSAGE_DIRECTION_NAMES),
    status: z.enum(MESSAGE_STATUS_NAMES).meta({ description: "queued → sending → sent → delivered | undelivered | failed (+ read); received for inbound" }),
    from: z.string(),
    to: z.string(),
    body: z.string(),
    media_urls: z.array(z.string()),
    num_segments: z.number().int().meta({ description: "SMS segments billed (GSM-7: 160, or 153 each when concatenated; UCS-2: 70, or 67 each)" }),
    encoding: z.string().nullable().meta({ description: "GSM-7 or UCS-2 for SMS" }),
    price_micros: z.string().nullable().meta({ description: "Cost in micro-units of `currency` (an integer as a string)", example: "15800" }),
    currency: z.string(),
    provider: z.string().nullable(),
    provider_message_id: z.string().nullable(),
    error_code: z.number().int().nullable().meta({ description: "Twilio-style error code, e.g. 21610 (recipient unsubscribed), 30003, 30008" }),
    error_message: z.string().nullable(),
    status_callback: z.string().nullable(),
    subject: z.string().nullable().meta({ description: "Email: the subject" }),
    html: z.string().nullable().meta({ description: "Email: the HTML part (`body` is the text part)" }),
    cc: z.array(z.string()).meta({ description: "Email: copies" }),
    bcc: z.array(z.string()).meta({ description: "Email: blind copies (outbound only)" }),
    email_message_id: z.string().nullable().meta({ description: "Email: the Message-ID header (ours on sent emails)", example: "<SM8f2c1e0d9b7a65432109876543210fed@mail.example.com>" }),
    in_reply_to: z.string().nullable().meta({ description: "Email: the In-Reply-To header" }),
    references: z.array(z.string()).meta({ description: "Email: the References header's Message-IDs" }),
    thread_key: z.string().nullable().meta({ description: "Email: the thread this message belongs to (the Message-ID of its first email); list a thread with `thread_key`" }),
    attachments: z
      .array(z.object({ id: z.string(), filename: z.string(), content_type: z.string(), size_bytes: z.number().int(), url: z.string().meta({ description: "GET with the API key: the file" }) }))
      .optional()
      .meta({ description: "Email: stored attachments (on a retrieved message)" }),
    created_at: z.iso.datetime(),
    sent_at: z.iso.datetime().nullable(),
    delivered_at: z.iso.datetime().nullable(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Message" });

export function toMessageResource(m: MessageView): z.input<typeof ZMessageResource> {
  return {
    id: m.id,
    channel: channelName(m.channel),
    direction: m.direction === "INBOUND" ? "inbound" : "outbound",
    status: statusName(m.status),
    from: m.from,
    to: m.to,
    body: m.body,
    media_urls: m.mediaUrls,
    num_segments: m.numSegments,
    encoding: m.encoding,
    price_micros: m.priceMicros === null ? null : m.priceMicros.toString(),
    currency: m.currency,
    provider: m.provider,
    provider_message_id: m.providerMessageId,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    status_callback: m.statusCallbackUrl,
    subject: m.subject,
    html: m.html,
    cc: m.cc,
    bcc: m.bcc,
    email_message_id: m.emailMessageId,
    in_reply_to: m.emailInReplyTo,
    references: m.emailReferences,
    thread_key: m.threadKey,
    ...(m.attachments
      ? { attachments: m.attachments.map((a) => ({ id: a.id, filename: a.filename, content_type: a.contentType, size_bytes: a.sizeBytes, url: `/api/v1/messages/${m.id}/attachments/${a.id}` })) }
      : {}),
    created_at: m.createdAt.toISOString(),
    sent_at: m.sentAt?.toISOString() ?? null,
    delivered_at: m.deliveredAt?.toISOString() ?? null,
    updated_at: m.updatedAt.toISOString(),
  };
}

/** The webhook event `data` of a message (message.sent, message.delivered, …). */
export function messageEventData(m: MessageView): Record<string, unknown> {
  return toMessageResource(m);
}
