// Messages: channels, statuses and the inputs of the use-cases. The API speaks lowercase names (`sms`, `delivered`);
// the database stores the enums (SMS, DELIVERED).
import { z } from "zod";
import type { MessageChannel, MessageStatus } from "@/generated/prisma/enums";
import { ZE164Shape, ZHttpMethod, ZHttpUrl } from "@/server/calls/calls.schemas";
import { ZPageInput } from "@/server/shared/paging";
import type { RoleRule } from "@/server/tenancy";
import { WHATSAPP_MEDIA_TYPES, ZWhatsAppInteractive } from "@/server/messages/whatsapp/whatsapp.schemas";
import { SLACK_CONVERSATION_ID, SLACK_TEAM_ID } from "@/server/messages/slack/slack.schemas";
import { TEAMS_APP_ID, TEAMS_CONVERSATION_ID } from "@/server/messages/teams/teams.schemas";
import { DISCORD_SNOWFLAKE, TELEGRAM_BOT, TELEGRAM_CHAT } from "@/server/messages/chat-bots/chat-bots.schemas";

/** Telegram: 4096 characters of text, 1024 of a media caption; Discord: 2000 characters of content. */
const TELEGRAM_TEXT_MAX = 4096;
const TELEGRAM_CAPTION_MAX = 1024;
const DISCORD_CONTENT_MAX = 2000;

export const MESSAGE_CHANNEL_NAMES = ["sms", "mms", "whatsapp", "email", "slack", "discord", "teams", "telegram"] as const;
export type MessageChannelName = (typeof MESSAGE_CHANNEL_NAMES)[number];
/** Channels a provider adapter sends today; the rest answer 400 naming `channel` until theirs lands. */
export const SENDABLE_CHANNELS: readonly MessageChannelName[] = ["sms", "mms", "email", "whatsapp", "slack", "telegram", "discord", "teams"];
/** Channels whose addresses are phone numbers (E.164). */
const PHONE_CHANNELS: readonly MessageChannelName[] = ["sms", "mms", "whatsapp"];
const E164 = /^\+[1-9]\d{1,14}$/;
const E164_MESSAGE = "must be a phone number in E.164 form, e.g. +14155550123";

export const MESSAGE_STATUS_NAMES = ["queued", "sending", "sent", "delivered", "undelivered", "failed", "read", "received"] as const;
export type MessageStatusName = (typeof MESSAGE_STATUS_NAMES)[number];
export const MESSAGE_DIRECTION_NAMES = ["inbound", "outbound"] as const;

export const channelEnum = (name: MessageChannelName) => name.toUpperCase() as MessageChannel;
export const channelName = (c: MessageChannel) => c.toLowerCase() as MessageChannelName;
export const statusEnum = (name: MessageStatusName) => name.toUpperCase() as MessageStatus;
export const statusName = (s: MessageStatus) => s.toLowerCase() as MessageStatusName;

export const MESSAGE_WRITE_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };
export const MESSAGE_READ_ROLE: RoleRule = { minRole: "AGENT" };
export const SUPPRESSION_WRITE_ROLE: RoleRule = { minRole: "ADMIN" };

export const MAX_BODY_CHARS = 1600;
export const MAX_MEDIA = 10;

export const ZCreateMessageInput = z
  .object({
    channel: z.enum(MESSAGE_CHANNEL_NAMES).default("sms"),
    /** A phone number (sms, mms, whatsapp), a Slack conversation id (C…, D…, G…), a Teams conversation id. */
    to: z.string().trim().min(1, "required").max(512),
    /** One of the account's numbers, an installed Slack workspace's team id (T…), or a Teams bot's App ID. */
    from: z.string().trim().min(1, "required").max(64),
    body: z.string().max(MAX_BODY_CHARS, `at most ${MAX_BODY_CHARS} characters`).default(""),
    mediaUrls: z.array(ZHttpUrl).max(MAX_MEDIA, `at most ${MAX_MEDIA} media URLs`).default([]),
    statusCallback: ZHttpUrl.optional(),
    statusCallbackMethod: ZHttpMethod.default("POST"),
    /** The client's Idempotency-Key, kept on the message (one message per key). */
    dedupeKey: z.string().max(255).optional(),
    /** A template of the account whose rendering is the body (render-message-template.ts). */
    templateId: z.string().trim().min(1).max(64).optional(),
    templateVariables: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).default({}),
    /** WhatsApp: reply buttons or a list, as Meta's `interactive` object. */
    interactive: ZWhatsAppInteractive.optional(),
    /** WhatsApp: what the media URL is (default: from its extension, else document). */
    mediaType: z.enum(WHATSAPP_MEDIA_TYPES).optional(),
    /** Slack: the thread to answer in (the `ts` of its first message). */
    threadTs: z.string().trim().regex(/^\d{1,12}\.\d{1,8}$/, "a Slack message timestamp such as 1700000000.000100").optional(),
  })
  .superRefine((m, ctx) => {
    if (PHONE_CHANNELS.includes(m.channel)) {
      if (!E164.test(m.to)) ctx.addIssue({ code: "custom", path: ["to"], message: E164_MESSAGE });
      if (!E164.test(m.from)) ctx.addIssue({ code: "custom", path: ["from"], message: E164_MESSAGE });
    }
    if (m.channel === "slack") {
      if (!SLACK_CONVERSATION_ID.test(m.to)) ctx.addIssue({ code: "custom", path: ["to"], message: "a Slack conversation id (C…, D… or G…) the bot is in" });
      if (!SLACK_TEAM_ID.test(m.from)) ctx.addIssue({ code: "custom", path: ["from"], message: "the team id (T…) of a Slack workspace installed in Settings → Channels" });
      if (m.mediaUrls.length || m.templateId || m.interactive) ctx.addIssue({ code: "custom", path: ["body"], message: "a Slack message is text: give body only" });
    } else if (m.threadTs) {
      ctx.addIssue({ code: "custom", path: ["thread_ts"], message: "only a Slack message answers in a thread" });
    }
    if (m.channel === "telegram") {
      if (!TELEGRAM_CHAT.test(m.to)) ctx.addIssue({ code: "custom", path: ["to"], message: "a Telegram chat id (e.g. 123456789, or -100… for a group) or a channel's @username" });
      if (!TELEGRAM_BOT.test(m.from)) ctx.addIssue({ code: "custom", path: ["from"], message: "the id or @username of a Telegram bot connected in Settings → Channels" });
      if (m.templateId || m.interactive) ctx.addIssue({ code: "custom", path: ["body"], message: "a Telegram message is text, or one media URL with an optional caption" });
      if (m.mediaUrls.length > 1) ctx.addIssue({ code: "custom", path: ["media_urls"], message: "a Telegram message carries one media URL" });
      const max = m.mediaUrls.length ? TELEGRAM_CAPTION_MAX : TELEGRAM_TEXT_MAX;
      if (m.body.length > max) ctx.addIssue({ code: "custom", path: ["body"], message: `at most ${max} characters on Telegram${m.mediaUrls.length ? " (a caption)" : ""}` });
    }
    if (m.channel === "discord") {
      if (!DISCORD_SNOWFLAKE.test(m.to)) ctx.addIssue({ code: "custom", path: ["to"], message: "a Discord channel id (17 to 20 digits) the bot can post in" });
      if (!DISCORD_SNOWFLAKE.test(m.from)) ctx.addIssue({ code: "custom", path: ["from"], message: "the application id of a Discord application connected in Settings → Channels" });
      if (m.mediaUrls.length || m.templateId || m.interactive) ctx.addIssue({ code: "custom", path: ["body"], message: "a Discord message is text: give body only" });
      if (m.body.length > DISCORD_CONTENT_MAX) ctx.addIssue({ code: "custom", path: ["body"], message: `at most ${DISCORD_CONTENT_MAX} characters on Discord` });
    }
    if (m.channel === "teams") {
      if (!TEAMS_CONVERSATION_ID.test(m.to)) ctx.addIssue({ code: "custom", path: ["to"], message: "a Teams conversation id (a:…, 19:…) the bot has received a message in" });
      if (!TEAMS_APP_ID.test(m.from)) ctx.addIssue({ code: "custom", path: ["from"], message: "the Microsoft App ID (a GUID) of a Teams bot connected in Settings → Channels" });
      if (m.mediaUrls.length || m.templateId || m.interactive) ctx.addIssue({ code: "custom", path: ["body"], message: "a Teams message is text: give body only" });
    }
    if (m.templateId && m.body.trim() !== "") ctx.addIssue({ code: "custom", path: ["body"], message: "give a body or a template, not both" });
    if (m.interactive && m.channel !== "whatsapp") ctx.addIssue({ code: "custom", path: ["interactive"], message: "interactive messages need channel whatsapp" });
    if (m.mediaType && m.channel !== "whatsapp" && m.channel !== "telegram") ctx.addIssue({ code: "custom", path: ["media_type"], message: "media_type is for channels whatsapp and telegram" });
    if (m.channel === "whatsapp" && m.mediaUrls.length > 1) ctx.addIssue({ code: "custom", path: ["media_urls"], message: "a WhatsApp message carries one media URL" });
    if (m.channel === "whatsapp" && m.interactive && (m.mediaUrls.length || m.templateId || m.body.trim())) ctx.addIssue({ code: "custom", path: ["interactive"], message: "an interactive message carries its text in interactive.body; give no body, media or template" });
    if (!m.templateId && !m.interactive && m.body.trim() === "" && m.mediaUrls.length === 0) ctx.addIssue({ code: "custom", path: ["body"], message: "give a body, media, or both" });
    if (m.channel === "sms" && m.mediaUrls.length > 0) ctx.addIssue({ code: "custom", path: ["media_urls"], message: "media needs channel mms" });
  });
export type TCreateMessageInput = z.input<typeof ZCreateMessageInput>;

export const ZFindMessagesInput = ZPageInput.extend({
  status: z.enum(MESSAGE_STATUS_NAMES).optional(),
  direction: z.enum(MESSAGE_DIRECTION_NAMES).optional(),
  channel: z.enum(MESSAGE_CHANNEL_NAMES).optional(),
  /** Only messages from or to this address. */
  address: z.string().trim().min(1).max(512).optional(),
  to: z.string().trim().min(1).max(512).optional(),
  from: z.string().trim().min(1).max(64).optional(),
  /** Email: one thread's messages. */
  threadKey: z.string().trim().min(1).max(400).optional(),
  createdAfter: z.date().optional(),
  createdBefore: z.date().optional(),
});
export type TFindMessagesInput = z.input<typeof ZFindMessagesInput>;

export const ZAddSuppressionInput = z.object({
  address: ZE164Shape,
  note: z.string().trim().max(200).default(""),
});
export type TAddSuppressionInput = z.input<typeof ZAddSuppressionInput>;

export const MESSAGING_CREDENTIAL_ROLE: RoleRule = { minRole: "ADMIN" };

export const ZSetMessagingCredentialInput = z.discriminatedUnion("provider", [
  z.object({
    provider: z.literal("twilio"),
    accountSid: z.string().trim().regex(/^AC[0-9a-f]{32}$/i, "a Twilio AccountSid: AC + 32 hex"),
    authToken: z.string().trim().min(16, "a Twilio auth token").max(128),
  }),
  z.object({
    provider: z.literal("resend"),
    apiKey: z.string().trim().regex(/^re_[A-Za-z0-9_]{8,200}$/, "a Resend API key: re_…"),
  }),
  z.object({
    provider: z.literal("telnyx"),
    apiKey: z.string().trim().min(8, "a Telnyx API key").max(256),
    publicKey: z
      .string()
      .trim()
      .refine((k) => Buffer.from(k, "base64").length === 32, "the account's Ed25519 public key, base64 (32 bytes)"),
  }),
]);
export type TSetMessagingCredentialInput = z.input<typeof ZSetMessagingCredentialInput>;

/** Email: a bare address (the Name <address> form is taken for `from`). */
export const ZEmailAddress = z.email({ message: "must be an email address, e.g. ana@example.com" }).max(320);
export const MAX_EMAIL_RECIPIENTS = 50;
export const MAX_EMAIL_TEXT_CHARS = 1_000_000;

export const ZEmailAttachmentInput = z
  .object({
    filename: z.string().trim().min(1).max(255).regex(/^[^/\\\r\n"]+$/, "a file name without slashes, quotes or line breaks"),
    /** base64 of the file */
    content: z.string().max(40 * 1024 * 1024).optional(),
    /** a URL the provider fetches */
    path: ZHttpUrl.optional(),
    contentType: z.string().trim().max(255).regex(/^[\w.+-]+\/[\w.+-]+$/, "a MIME type, e.g. application/pdf").optional(),
  })
  .refine((a) => (a.content === undefined) !== (a.path === undefined), { message: "give content (base64) or path (a URL), one of them" });

export const ZCreateEmailInput = z.object({
  channel: z.literal("email"),
  /** "ana@mail.example.com" or "Ana <ana@mail.example.com>" at a verified sending domain of the account. */
  from: z.string().trim().min(3).max(400),
  to: ZEmailAddress,
  cc: z.array(ZEmailAddress).max(MAX_EMAIL_RECIPIENTS).default([]),
  bcc: z.array(ZEmailAddress).max(MAX_EMAIL_RECIPIENTS).default([]),
  subject: z.string().trim().max(998).default(""),
  body: z.string().max(MAX_EMAIL_TEXT_CHARS).default(""),
  html: z.string().max(MAX_EMAIL_TEXT_CHARS).optional(),
  attachments: z.array(ZEmailAttachmentInput).max(10, "at most 10 attachments").default([]),
  /** An earlier email message of the account this one replies to (threading). */
  replyToMessageId: z.string().trim().min(1).max(64).optional(),
  statusCallback: ZHttpUrl.optional(),
  statusCallbackMethod: ZHttpMethod.default("POST"),
  dedupeKey: z.string().max(255).optional(),
  templateId: z.string().trim().min(1).max(64).optional(),
  templateVariables: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).default({}),
});
export type TCreateEmailInput = z.input<typeof ZCreateEmailInput>;
