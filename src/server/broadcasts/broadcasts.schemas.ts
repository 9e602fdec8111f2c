import { z } from "zod";
import { BROADCAST_VARIABLES } from "@/server/broadcasts/render-broadcast";
import { disallowedLinks, variablesIn } from "@/server/broadcasts/render-markdown";

/** Tenants on no price plan of their own (the platform default) are picked by this value in `plans`. */
export const DEFAULT_PLAN = "default";

const ZDays = z.number().int("a whole number of days").min(1, "1 to 365 days").max(365, "1 to 365 days");

/**
 * Who a broadcast goes to: the owners (or owners and admins) of the tenants that match every filter given. An
 * empty list filters nothing. A person in several such tenants gets one mail.
 */
export const ZBroadcastSegment = z.strictObject({
  audience: z.enum(["owners", "owners_and_admins"]).default("owners"),
  /** Price plan ids, and/or "default" for tenants on the platform default plan. */
  plans: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  statuses: z.array(z.enum(["ACTIVE", "SUSPENDED"])).max(2).default([]),
  activity: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("any") }),
      /** At least one call created in the last `days` days. */
      z.strictObject({ kind: z.literal("called_within"), days: ZDays }),
      /** No call created in the last `days` days (tenants that never called included). */
      z.strictObject({ kind: z.literal("no_calls_within"), days: ZDays }),
    ])
    .default({ kind: "any" }),
});
export type TBroadcastSegment = z.output<typeof ZBroadcastSegment>;
export type TBroadcastSegmentInput = z.input<typeof ZBroadcastSegment>;

/** Variables the template names that no recipient has, as the message the author sees. */
function unknownVariables(template: string): string | null {
  const unknown = variablesIn(template).filter((v) => !(BROADCAST_VARIABLES as readonly string[]).includes(v));
  if (unknown.length === 0) return null;
  return `unknown variable ${unknown.map((v) => `{{${v}}}`).join(", ")}; use ${BROADCAST_VARIABLES.map((v) => `{{${v}}}`).join(", ")}`;
}

const ZSubject = z
  .string()
  .trim()
  .min(1, "write a subject")
  .max(200, "at most 200 characters")
  .refine((s) => !/[\r\n]/.test(s), "one line")
  .superRefine((s, ctx) => {
    const problem = unknownVariables(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const ZBodyMarkdown = z
  .string()
  .min(1, "write the message")
  .max(50_000, "at most 50,000 characters")
  .refine((s) => s.trim() !== "", "write the message")
  .superRefine((s, ctx) => {
    const problem = unknownVariables(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
    const links = disallowedLinks(s);
    if (links.length > 0) ctx.addIssue({ code: "custom", message: `links must start with https://, http:// or mailto: (${links.join(", ")})` });
  });

export const ZBroadcastContent = z.strictObject({ subject: ZSubject, bodyMarkdown: ZBodyMarkdown, segment: ZBroadcastSegment });
export type TBroadcastContentInput = z.input<typeof ZBroadcastContent>;

const ZBroadcastId = z.string().min(1).max(64);

export const ZCreateBroadcastDraftInput = ZBroadcastContent;
export const ZUpdateBroadcastDraftInput = ZBroadcastContent.extend({ broadcastId: ZBroadcastId });
export const ZBroadcastIdInput = z.strictObject({ broadcastId: ZBroadcastId });

/** What the composer shows before anything is saved: the mail as a sample recipient gets it, and how many get it. */
export const ZPreviewBroadcastInput = z.strictObject({
  subject: z.string().max(200).default(""),
  bodyMarkdown: z.string().max(50_000).default(""),
  segment: ZBroadcastSegment,
});

export const RECIPIENT_STATUSES = ["QUEUED", "SENDING", "SENT", "DELAYED", "DELIVERED", "BOUNCED", "COMPLAINED", "FAILED", "CANCELLED"] as const;

export const ZFindBroadcastRecipientsInput = z.strictObject({
  broadcastId: ZBroadcastId,
  status: z.enum(RECIPIENT_STATUSES).nullish(),
  /** Part of an email address or tenant name. */
  search: z.string().trim().max(200).nullish(),
  page: z.number().int().min(0).default(0),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type TFindBroadcastRecipientsInput = z.input<typeof ZFindBroadcastRecipientsInput>;
