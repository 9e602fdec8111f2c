// /api/v1/conversations: the unified inbox over REST (list with filters and full-text search, read, change status,
// assignee, team, priority and labels, read the messages, reply, add an internal note). Thin: the use-cases in
// src/server/inbox decide.
import { z } from "zod";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { addConversationNote } from "@/server/inbox/add-conversation-note";
import type { ConversationView } from "@/server/inbox/conversation-view";
import { findConversationMessages } from "@/server/inbox/find-conversation-messages";
import { findConversations } from "@/server/inbox/find-conversations";
import { getConversation } from "@/server/inbox/get-conversation";
import { CONVERSATION_PRIORITIES, CONVERSATION_STATUSES, INBOX_CHANNELS, ZConversationId, ZLabel } from "@/server/inbox/inbox.schemas";
import { replyToConversation } from "@/server/inbox/reply-to-conversation";
import { updateConversation } from "@/server/inbox/update-conversation";
import { toMessageResource, ZMessageResource } from "@/server/messages/message-view";

const EXAMPLE_ID = "cv_01jd8x3k6q2m4f7b9c0s5t1v2w";
const ZConversationParams = z.strictObject({ id: ZConversationId.meta({ description: "Conversation id", example: EXAMPLE_ID }) });

export const ZConversationResource = z
  .object({
    id: z.string().meta({ example: EXAMPLE_ID }),
    contact_id: z.string().meta({ example: "ct_01jd8x3k6q2m4f7b9c0s5t1v2w" }),
    contact_name: z.string(),
    channel: z.enum(INBOX_CHANNELS).meta({ description: "SMS and MMS share one conversation (sms)" }),
    inbox_address: z.string().meta({ description: "Your side: the number, address or workspace the contact wrote to", example: "+15005550006" }),
    contact_address: z.string().meta({ description: "The contact's number, address or channel user id", example: "+14155550123" }),
    status: z.enum(CONVERSATION_STATUSES),
    snoozed_until: z.iso.datetime().nullable(),
    assignee_id: z.string().nullable().meta({ description: "The member it is assigned to (a user id)" }),
    team_id: z.string().nullable(),
    priority: z.enum(CONVERSATION_PRIORITIES),
    labels: z.array(z.string()),
    unread_count: z.number().int(),
    last_message_at: z.iso.datetime(),
    first_response_at: z.iso.datetime().nullable(),
    resolved_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Conversation" });

function toConversationResource(c: ConversationView): z.input<typeof ZConversationResource> {
  return {
    id: c.id,
    contact_id: c.contactId,
    contact_name: c.contactName,
    channel: c.channel as (typeof INBOX_CHANNELS)[number],
    inbox_address: c.inboxAddress,
    contact_address: c.contactAddress,
    status: c.status,
    snoozed_until: c.snoozedUntil?.toISOString() ?? null,
    assignee_id: c.assigneeUserId,
    team_id: c.teamId,
    priority: c.priority,
    labels: c.labels,
    unread_count: c.unreadCount,
    last_message_at: c.lastMessageAt.toISOString(),
    first_response_at: c.firstResponseAt?.toISOString() ?? null,
    resolved_at: c.resolvedAt?.toISOString() ?? null,
    created_at: c.createdAt.toISOString(),
  };
}

export const listConversationsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/conversations",
    operationId: "listConversations",
    tag: "Conversations",
    summary: "List conversations",
    description: "The inbox, most recently active first. Filter by status (default `open`; `any` for all), assignee, team, label, channel, priority; `q` searches the words of the messages and internal notes.",
    scope: "conversations:read",
    query: ZPageQuery.extend({
      status: z.enum([...CONVERSATION_STATUSES, "any"]).default("open"),
      assignee_id: z.string().max(64).optional(),
      unassigned: z.enum(["true", "false"]).optional().meta({ description: "`true`: only conversations nobody is assigned" }),
      team_id: z.string().max(64).optional(),
      label: ZLabel.optional(),
      channel: z.enum(INBOX_CHANNELS).optional(),
      priority: z.enum(CONVERSATION_PRIORITIES).optional(),
      q: z.string().max(200).optional().meta({ description: "Full-text search (words, \"phrases\", -excluded)", example: "refund" }),
    }),
    response: listOf(ZConversationResource, "ConversationList"),
  },
  async ({ actor, query }) =>
    toList(
      await findConversations(actor, {
        limit: query.limit,
        cursor: query.starting_after,
        status: query.status,
        tab: query.unassigned === "true" ? "unassigned" : "all",
        assigneeUserId: query.assignee_id,
        teamId: query.team_id,
        label: query.label,
        channel: query.channel,
        priority: query.priority,
        search: query.q,
      }),
      toConversationResource,
    ),
);

export const getConversationRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/conversations/{id}",
    operationId: "getConversation",
    tag: "Conversations",
    summary: "Retrieve a conversation",
    scope: "conversations:read",
    params: ZConversationParams,
    response: ZConversationResource,
  },
  async ({ actor, params }) => toConversationResource(await getConversation(actor, { conversationId: params.id })),
);

export const updateConversationRoute = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/conversations/{id}",
    operationId: "updateConversation",
    tag: "Conversations",
    summary: "Update a conversation",
    description: "Change its status (`snoozed_until` with `snoozed`), assignee (a member's user id, or null), team, priority or labels (the full list). Each change shows in the thread as an activity line.",
    scope: "conversations:write",
    params: ZConversationParams,
    body: z.strictObject({
      status: z.enum(CONVERSATION_STATUSES).optional(),
      snoozed_until: z.iso.datetime().nullable().optional(),
      assignee_id: z.string().min(1).max(64).nullable().optional(),
      team_id: z.string().min(1).max(64).nullable().optional(),
      priority: z.enum(CONVERSATION_PRIORITIES).optional(),
      labels: z.array(ZLabel).max(20).optional(),
    }),
    response: ZConversationResource,
    example: { status: "resolved", labels: ["billing"] },
  },
  async ({ actor, params, body }) =>
    toConversationResource(
      await updateConversation(actor, {
        conversationId: params.id,
        status: body.status,
        snoozedUntil: body.snoozed_until === undefined ? undefined : body.snoozed_until === null ? null : new Date(body.snoozed_until),
        assigneeUserId: body.assignee_id,
        teamId: body.team_id,
        priority: body.priority,
        labels: body.labels,
      }),
    ),
);

export const listConversationMessagesRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/conversations/{id}/messages",
    operationId: "listConversationMessages",
    tag: "Conversations",
    summary: "List a conversation's messages",
    description: "Inbound and outbound messages of the conversation, newest first.",
    scope: "conversations:read",
    params: ZConversationParams,
    query: ZPageQuery,
    response: listOf(ZMessageResource, "ConversationMessageList"),
  },
  async ({ actor, params, query }) => toList(await findConversationMessages(actor, { conversationId: params.id, limit: query.limit, cursor: query.starting_after }), toMessageResource),
);

export const replyToConversationRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conversations/{id}/messages",
    operationId: "replyToConversation",
    tag: "Conversations",
    summary: "Reply in a conversation",
    description: "Queues a message to the contact from the address they wrote to, linked to the conversation; it is sent like any message (POST /api/v1/messages): credit, opt-outs and status callbacks apply.",
    scope: "conversations:write",
    params: ZConversationParams,
    body: z.strictObject({
      body: z.string().min(1).max(1600).meta({ example: "Your parcel ships today." }),
      media_urls: z.array(z.url()).max(10).optional(),
    }),
    response: ZMessageResource,
    status: 201,
    example: { body: "Your parcel ships today." },
  },
  async ({ actor, params, body }) => toMessageResource(await replyToConversation(actor, { conversationId: params.id, body: body.body, mediaUrls: body.media_urls ?? [] })),
);

export const ZConversationNoteResource = z
  .object({
    id: z.string().meta({ example: "cvn_01jd8x3k6q2m4f7b9c0s5t1v2w" }),
    conversation_id: z.string(),
    body: z.string(),
    mentioned_user_ids: z.array(z.string()).meta({ description: "Members the note @mentions (told live in their inbox)" }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "ConversationNote" });

export const addConversationNoteRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conversations/{id}/notes",
    operationId: "addConversationNote",
    tag: "Conversations",
    summary: "Add an internal note",
    description: "A note only your team sees, in the thread. `@name` mentions a member (first name, name without spaces, or the local part of their email).",
    scope: "conversations:write",
    params: ZConversationParams,
    body: z.strictObject({ body: z.string().min(1).max(5000).meta({ example: "@ada can you call them back?" }) }),
    response: ZConversationNoteResource,
    status: 201,
    example: { body: "@ada can you call them back?" },
  },
  async ({ actor, params, body }) => {
    const note = await addConversationNote(actor, { conversationId: params.id, body: body.body });
    return { id: note.id, conversation_id: params.id, body: note.body, mentioned_user_ids: note.mentionUserIds, created_at: note.createdAt.toISOString() };
  },
);
