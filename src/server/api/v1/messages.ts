import { z } from "zod";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { ZHttpMethod, ZHttpUrl } from "@/server/calls/calls.schemas";
import { createMessage } from "@/server/messages/create-message";
import { findMessages } from "@/server/messages/find-messages";
import { getMessage } from "@/server/messages/get-message";
import { toMessageResource, ZMessageResource } from "@/server/messages/message-view";
import { WHATSAPP_MEDIA_TYPES, ZWhatsAppInteractive } from "@/server/messages/whatsapp/whatsapp.schemas";
import { MAX_BODY_CHARS, MAX_MEDIA, MESSAGE_CHANNEL_NAMES, MESSAGE_DIRECTION_NAMES, MESSAGE_STATUS_NAMES } from "@/server/messages/messages.schemas";

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
      to: z.string().trim().min(1).max(64).optional().meta({ description: "Only messages to this address" }),
      from: z.string().trim().min(1).max(64).optional().meta({ description: "Only messages from this address" }),
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
      channel: z.enum(MESSAGE_CHANNEL_NAMES).optional().meta({ description: "sms (default), mms, whatsapp (from a connected WhatsApp number) or slack (from an installed workspace); the other channels are not available yet" }),
      to: z.string().trim().min(1).max(64).meta({ description: "Recipient: E.164 (sms, mms, whatsapp) or a Slack conversation id (slack)", example: "+14155550123" }),
      from: z
        .string()
        .trim()
        .min(1)
        .max(64)
        .meta({ description: "One of the account's numbers with SMS enabled (MMS enabled for mms), a connected WhatsApp number, or an installed Slack workspace's team id", example: "+14155550100" }),
      body: z.string().max(MAX_BODY_CHARS).optional().meta({ description: `Text, up to ${MAX_BODY_CHARS} characters (split in segments: GSM-7 160/153, UCS-2 70/67)`, example: "Your code is 123456" }),
      media_urls: z.array(ZHttpUrl).max(MAX_MEDIA).optional().meta({ description: "MMS media URLs (channel mms)" }),
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
      media_type: z.enum(WHATSAPP_MEDIA_TYPES).optional().meta({ description: "WhatsApp: what media_urls[0] is (default: from its extension, else document)" }),
    }),
    response: ZMessageResource,
    status: 201,
    errors: [402],
    example: { to: "+14155550123", from: "+14155550100", body: "Your code is 123456", status_callback: "https://example.com/irisx/message-status" },
  },
  async ({ actor, body, idempotency, headers }) => {
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
