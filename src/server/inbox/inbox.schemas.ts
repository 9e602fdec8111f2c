// Inputs of the unified inbox's use-cases (validated at the edge, parsed again inside).
import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

export const CONVERSATION_STATUSES = ["open", "pending", "snoozed", "resolved"] as const;
export const CONVERSATION_PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;
export const INBOX_CHANNELS = ["sms", "whatsapp", "email", "slack", "discord", "teams", "telegram"] as const;

export const ZConversationId = z.string().regex(/^cv_[0-9a-z]{26}$/, "is not a conversation id");
export const ZLabel = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9 _-]*$/, "letters, digits, spaces, - and _ only");

export const ZConversationIdInput = z.object({ conversationId: ZConversationId });
export type TConversationIdInput = z.input<typeof ZConversationIdInput>;

export const ZFindConversationsInput = ZPageInput.extend({
  /** mine: assigned to the actor; unassigned: nobody; all. */
  tab: z.enum(["mine", "unassigned", "all"]).default("all"),
  status: z.enum([...CONVERSATION_STATUSES, "any"]).default("open"),
  assigneeUserId: z.string().min(1).max(64).optional(),
  teamId: z.string().min(1).max(64).optional(),
  label: ZLabel.optional(),
  channel: z.enum(INBOX_CHANNELS).optional(),
  priority: z.enum(CONVERSATION_PRIORITIES).optional(),
  /** Full text over the conversation's messages and notes (PostgreSQL websearch syntax: words, "phrases", -not). */
  search: z.string().trim().max(200).optional(),
});
export type TFindConversationsInput = z.input<typeof ZFindConversationsInput>;

export const ZUpdateConversationInput = z.object({
  conversationId: ZConversationId,
  status: z.enum(CONVERSATION_STATUSES).optional(),
  /** With status snoozed: when it reopens by itself (else it waits for the next message). */
  snoozedUntil: z.coerce.date().nullish(),
  /** A member's user id, or null to unassign. */
  assigneeUserId: z.string().min(1).max(64).nullish(),
  teamId: z.string().min(1).max(64).nullish(),
  priority: z.enum(CONVERSATION_PRIORITIES).optional(),
  labels: z.array(ZLabel).max(20).optional(),
});
export type TUpdateConversationInput = z.input<typeof ZUpdateConversationInput>;

export const ZBulkResolveInput = z.object({ conversationIds: z.array(ZConversationId).min(1).max(100) });
export type TBulkResolveInput = z.input<typeof ZBulkResolveInput>;

export const ZReplyToConversationInput = z.object({
  conversationId: ZConversationId,
  body: z.string().trim().min(1, "write a reply").max(1600),
  mediaUrls: z.array(z.url()).max(10).default([]),
});
export type TReplyToConversationInput = z.input<typeof ZReplyToConversationInput>;

export const ZAddConversationNoteInput = z.object({
  conversationId: ZConversationId,
  body: z.string().trim().min(1, "write a note").max(5000),
});
export type TAddConversationNoteInput = z.input<typeof ZAddConversationNoteInput>;

export const ZCannedResponseInput = z.object({
  shortCode: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(32)
    .regex(/^[a-z0-9_-]+$/, "letters, digits, - and _ only"),
  body: z.string().trim().min(1).max(1600),
});
export type TCannedResponseInput = z.input<typeof ZCannedResponseInput>;
export const ZCannedResponseIdInput = z.object({ id: z.string().regex(/^cr_[0-9a-z]{26}$/, "is not a canned response id") });

export const ZCreateInboxTeamInput = z.object({ name: z.string().trim().min(1).max(60), memberUserIds: z.array(z.string().min(1).max(64)).max(200).default([]) });
export type TCreateInboxTeamInput = z.input<typeof ZCreateInboxTeamInput>;
export const ZInboxTeamIdInput = z.object({ id: z.string().regex(/^itm_[0-9a-z]{26}$/, "is not a team id") });
export const ZSetInboxTeamMembersInput = ZInboxTeamIdInput.extend({ memberUserIds: z.array(z.string().min(1).max(64)).max(200) });
export type TSetInboxTeamMembersInput = z.input<typeof ZSetInboxTeamMembersInput>;

export const ZSetInboxAvailabilityInput = z.object({
  availability: z.enum(["available", "away"]),
  capacity: z.number().int().min(1).max(100).optional(),
});
export type TSetInboxAvailabilityInput = z.input<typeof ZSetInboxAvailabilityInput>;

/** The inbox's new outbound email: to a contact (its email address) or a typed address, from the account's address. */
export const ZStartEmailConversationInput = z
  .object({
    from: z.string().trim().min(1, "pick the address to send from").max(400),
    contactId: z.string().trim().min(1).max(64).optional(),
    to: z.string().trim().max(320).optional(),
    subject: z.string().trim().max(998, "at most 998 characters").default(""),
    /** The rich-text body (TipTap's HTML); its text part is derived from it. */
    html: z.string().max(1_000_000).default(""),
    /** Or an EMAIL template, rendered with these values (its subject is the default subject). */
    templateId: z.string().trim().min(1).max(64).optional(),
    templateVariables: z.record(z.string().max(100), z.string().max(1000)).default({}),
  })
  .superRefine((v, ctx) => {
    if (!v.contactId && !v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "pick a contact or type an email address" });
    if (v.to && !v.contactId && !z.email().safeParse(v.to).success) ctx.addIssue({ code: "custom", path: ["to"], message: "must be an email address, e.g. ana@example.com" });
    if (!v.templateId && !v.subject) ctx.addIssue({ code: "custom", path: ["subject"], message: "an email needs a subject" });
    if (!v.templateId && !htmlText(v.html)) ctx.addIssue({ code: "custom", path: ["body"], message: "write the email, or pick a template" });
    if (v.templateId && htmlText(v.html)) ctx.addIssue({ code: "custom", path: ["body"], message: "a template is the body: clear the text, or the template" });
  });
export type TStartEmailConversationInput = z.input<typeof ZStartEmailConversationInput>;

export const ZFindEmailRecipientsInput = z.object({ search: z.string().trim().max(100).default("") }).default({ search: "" });
export type TFindEmailRecipientsInput = z.input<typeof ZFindEmailRecipientsInput>;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** The text part of a rich-text body: blocks and line breaks become new lines, tags go, entities are decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|h[1-6]|li|blockquote|div)>/gi, "\n")
    .replace(/<li[^>]*>/gi, "- ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
