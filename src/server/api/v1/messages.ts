import { z } from "zod";
import { defineMediaRoute, defineRoute } from "@/server/api/define-route";
import { streamResponse } from "@/server/api/stream-response";
import { readMessageAttachment } from "@/server/messages/read-message-attachment";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { ZHttpMethod, ZHttpUrl } from "@/server/calls/calls.schemas";
import { createEmailMessage } from "@/server/messages/create-email-message";
import { createMessage } from "@/server/messages/create-message";
import { findMessages } from "@/server/messages/find-messages";
import { getMessage } from "@/server/messages/get-message";
import { toMessageResource, ZMessageResource } from "@/server/messages/message-view";
import { WHATSAPP_MEDIA_TYPES, ZWhatsAppInteractive } from "@/server/messages/whatsapp/whatsapp.schemas";
import { MAX_BODY_CHARS, MAX_EMAIL_RECIPIENTS, MAX_EMAIL_TEXT_CHARS, MAX_MEDIA, MESSAGE_CHANNEL_NAMES, MESSAGE_DIRECTION_NAMES, MESSAGE_STATUS_NAMES } from "@/server/messages/messages.schemas";

const ZMessageParams = z.strictObject({
  messageId: z.string().regex(/^SM[0-9a-f]{32}$/).meta({ description: "Message id", example: "SM8f2c1e0d9b7a65432109876543210fed" }),
});

export const listMessagesRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/messages",
    operationId: "listMessages",
    tag: "Messages",
    summary: "List messages",
    description: "The account's messages, inbound and outbound, newest first.",
    scope: "messages:read",
    query: ZPageQuery.extend({
      status: z.enum(MESSAGE_STATUS_NAMES).optional(),
      direction: z.enum(MESSAGE_DIRECTION_NAMES).optional(),
      channel: z.enum(MESSAGE_CHANNEL_NAMES).optional(),
      to: z.string().trim().min(1).max(512).optional().meta({ description: "Only messages to this address" }),
      from: z.string().trim().min(1).max(64).optional().meta({ description: "Only messages from this address" }),
      thread_key: z.string().trim().min(1).max(400).optional().meta({ description: "Email: only this thread's messages" }),
      created_after: z.iso.datetime().optional(),
      created_before: z.iso.datetime().optional(),
    }),
    response: listOf(ZMessageResource, "MessageList"),
  },
  async ({ actor, query }) =>
    toList(
      await findMessages(actor, {
        limit: query.limit,
        cursor: query.starting_after,
        status: query.status,
        direction: query.direction,
        channel: query.channel,
        to: query.to,
        from: query.from,
        threadKey: query.thread_key,
        createdAfter: query.created_after ? new Date(query.created_after) : undefined,
        createdBefore: query.created_before ? new Date(query.created_before) : undefined,
      }),
      toMessageResource,
    ),
);

export const createMessageRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/messages",
    operationId: "createMessage",
    tag: "Messages",
    summary: "Send a message",
    description:
      "Queues a message from one of the account's numbers with messaging enabled; the sender hands it to the carrier as the number's " +
      "throughput allows (a long code 1 segment a second, toll-free 3, a short code 100) and the account's messages-per-second. " +
      "WhatsApp: text, one media URL, `interactive` or an approved WhatsApp template (`template_id`); a free-form message to a user who has not written in the last 24 hours is refused with 400 naming `to` (error_code 131047). " +
      "Fails with 400 naming `to` (error_code 21610) when the recipient opted out, 402 `INSUFFICIENT_CREDIT` when the balance does not cover its price. " +
      "With `Idempotency-Key`, a retry returns the same message and never sends a second one. Progress: `message.*` webhook events and `status_callback`.",
    scope: "messages:write",
    body: z.strictObject({
      channel: z.enum(MESSAGE_CHANNEL_NAMES).optional().meta({ description: "sms (default), mms, email, whatsapp (from a connected WhatsApp number), slack (from an installed workspace), telegram (from a connected bot) discord (from a connected application) or teams (from a connected bot)" }),
      to: z.string().trim().min(1).max(512).meta({ description: "Recipient: E.164 (sms, mms, whatsapp), an email address (email), a Slack conversation id (slack), a Telegram chat id or @channel (telegram) a Discord channel id (discord) or a Teams conversation id the bot has received a message in (teams)", example: "+14155550123" }),
      from: z.string().trim().min(1).max(400).meta({
        description: "sms/mms: one of the account's numbers with SMS enabled (MMS enabled for mms); email: an address at one of the account's verified sending domains (`Name <address>` allowed); whatsapp: a connected WhatsApp number; slack: an installed workspace's team id; telegram: a connected bot's id or @username; discord: a connected application's id; teams: a connected bot's Microsoft App ID",
        example: "+14155550100",
      }),
      body: z.string().max(MAX_EMAIL_TEXT_CHARS).optional().meta({ description: `Text, up to ${MAX_BODY_CHARS} characters for sms (split in segments: GSM-7 160/153, UCS-2 70/67); email: the text part`, example: "Your code is 123456" }),
      subject: z.string().max(998).optional().meta({ description: "Email: the subject (required for email)" }),
      html: z.string().max(MAX_EMAIL_TEXT_CHARS).optional().meta({ description: "Email: the HTML part" }),
      cc: z.array(z.string().max(320)).max(MAX_EMAIL_RECIPIENTS).optional().meta({ description: "Email: copies" }),
      bcc: z.array(z.string().max(320)).max(MAX_EMAIL_RECIPIENTS).optional().meta({ description: "Email: blind copies" }),
      attachments: z
        .array(
          z.object({
            filename: z.string().max(255),
            content: z.string().optional().meta({ description: "base64 of the file (at most 10 MiB a file, 25 MiB an email)" }),
            path: z.string().max(2048).optional().meta({ description: "a URL Resend fetches the file from" }),
            content_type: z.string().max(255).optional(),
          }),
        )
        .max(10)
        .optional()
        .meta({ description: "Email: up to 10 attachments" }),
      reply_to_message_id: z.string().max(64).optional().meta({ description: "Email: the account's earlier email this one answers (In-Reply-To/References, same thread_key)" }),
      media_urls: z.array(ZHttpUrl).max(MAX_MEDIA).optional().meta({ description: "Media URLs: mms; whatsapp and telegram take one (telegram: a photo, document, audio or video by `media_type`, else by the URL's extension, with `body` as its caption)" }),
      status_callback: ZHttpUrl.optional().meta({ description: "Receives the message's status changes (JSON, signed with IRISX-Signature)" }),
      status_callback_method: ZHttpMethod.optional(),
      template_id: z.string().trim().min(1).max(64).optional().meta({ description: "An SMS template of the account (`/api/v1/templates`): its text, with `template_variables` filled in, is the body", example: "mt_01j9z3d8k2w6q4r1s5t7v9x0yb" }),
      template_variables: z
        .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
        .optional()
        .meta({ description: "Values of the template's {{variables}}; a missing one is a 400 naming it", example: { code: "123456" } }),
      interactive: ZWhatsAppInteractive.optional().meta({
        description: "WhatsApp: reply buttons (type button, up to 3) or a list (type list), as Meta's `interactive` object; only inside the 24-hour window",
      }),
      thread_ts: z.string().optional().meta({ description: "Slack: the thread to answer in (the ts of its first message, as the inbound message's payload.thread_ts or provider_message_id give it)" }),
      media_type: z.enum(WHATSAPP_MEDIA_TYPES).optional().meta({ description: "WhatsApp and Telegram: what media_urls[0] is (default: from its extension, else document)" }),
    }),
    response: ZMessageResource,
    status: 201,
    errors: [402],
    example: { to: "+14155550123", from: "+14155550100", body: "Your code is 123456", status_callback: "https://example.com/irisx/message-status" },
  },
  async ({ actor, body, idempotency, headers }) => {
    if (body.channel === "email") {
      const email = await createEmailMessage(
        actor,
        {
          channel: "email", to: body.to, from: body.from, subject: body.subject, body: body.body, html: body.html, cc: body.cc, bcc: body.bcc,
          attachments: body.attachments?.map((a) => ({ filename: a.filename, content: a.content, path: a.path, contentType: a.content_type })),
          replyToMessageId: body.reply_to_message_id, statusCallback: body.status_callback, statusCallbackMethod: body.status_callback_method,
          dedupeKey: headers.get("idempotency-key") ?? undefined, templateId: body.template_id, templateVariables: body.template_variables,
        },
        { idempotency: idempotency ? (created) => idempotency.completion(toMessageResource(created)) : undefined },
      );
      return toMessageResource(email);
    }
    const message = await createMessage(
      actor,
      {
        channel: body.channel ?? (body.media_urls?.length ? "mms" : "sms"),
        to: body.to,
        from: body.from,
        body: body.body ?? "",
        mediaUrls: body.media_urls ?? [],
        statusCallback: body.status_callback,
        statusCallbackMethod: body.status_callback_method,
        dedupeKey: headers.get("idempotency-key") ?? undefined,
        templateId: body.template_id,
        templateVariables: body.template_variables,
        interactive: body.interactive,
        mediaType: body.media_type,
        threadTs: body.thread_ts,
      },
      { surface: "native", idempotency: idempotency ? (created) => idempotency.completion(toMessageResource(created)) : undefined },
    );
    return toMessageResource(message);
  },
);

export const getMessageRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/messages/{messageId}",
    operationId: "getMessage",
    tag: "Messages",
    summary: "Retrieve a message",
    scope: "messages:read",
    params: ZMessageParams,
    response: ZMessageResource,
  },
  async ({ actor, params }) => toMessageResource(await getMessage(actor, { messageId: params.messageId })),
);

export const getMessageAttachmentRoute = defineMediaRoute(
  {
    method: "GET",
    path: "/api/v1/messages/{messageId}/attachments/{attachmentId}",
    operationId: "getMessageAttachment",
    tag: "Messages",
    summary: "Download an email attachment",
    description: "The file of an email message's attachment (listed in the retrieved message's `attachments`), decrypted as it streams; always served as a download.",
    scope: "messages:read",
    params: ZMessageParams.extend({ attachmentId: z.string().regex(/^ma_[0-9A-Za-z]{10,40}$/).meta({ description: "Attachment id", example: "ma_01j9z3d8k2w6q4r1s5t7v9x0yb" }) }),
    media: { contentType: "application/octet-stream", ranges: false },
  },
  async ({ actor, params }) => streamResponse(await readMessageAttachment(actor, { messageId: params.messageId, attachmentId: params.attachmentId })),
);
