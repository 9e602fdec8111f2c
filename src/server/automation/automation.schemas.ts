// Automation rules (Chatwoot's "Automation", Amazon Connect's rules): when an inbound message matches a rule's
// conditions, its actions run. Conditions look at the message (channel, text, sender, the address it reached, the
// time it arrived in the rule's time zone) and the sender's contact (a field, a tag); all of them or any of them
// must hold. Actions: an automatic reply on the same channel, a tag on the contact, and on the message's conversation
// in the inbox: assign it (a member, a team), label it, set its priority, resolve it.
import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

export const AUTOMATION_CHANNELS = ["sms", "mms", "email", "whatsapp", "slack", "discord", "teams", "telegram"] as const;

const ZText = z.string().trim().min(1, "a value is required").max(500, "at most 500 characters");
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM");
const ZTimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "an IANA time zone such as Europe/Paris");

export const ZAutomationCondition = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("channel"), channels: z.array(z.enum(AUTOMATION_CHANNELS)).min(1, "pick at least one channel") }),
  z.strictObject({
    kind: z.literal("text"),
    op: z.enum(["contains", "does_not_contain", "equals", "starts_with"]),
    /** Case-insensitive; `contains` matches any of the words or phrases. */
    values: z.array(ZText).min(1, "at least one word or phrase").max(50),
  }),
  z.strictObject({ kind: z.literal("sender"), op: z.enum(["equals", "starts_with"]), values: z.array(ZText).min(1).max(50) }),
  z.strictObject({ kind: z.literal("recipient"), op: z.enum(["equals"]), values: z.array(ZText).min(1).max(50) }),
  z.strictObject({
    kind: z.literal("time"),
    op: z.enum(["within", "outside"]),
    /** ISO days: 1 Monday … 7 Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1, "pick at least one day"),
    from: ZTime,
    to: ZTime,
    timeZone: ZTimeZone,
  }),
  z.strictObject({ kind: z.literal("contact_field"), field: z.string().trim().min(1).max(100), op: z.enum(["equals", "contains", "is_set", "is_not_set"]), value: z.string().max(500).optional() }),
  z.strictObject({ kind: z.literal("contact_tag"), op: z.enum(["has", "has_not"]), tag: z.string().trim().toLowerCase().min(1).max(50) }),
]);
export type TAutomationCondition = z.infer<typeof ZAutomationCondition>;

export const ZAutomationAction = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("auto_reply"), body: z.string().trim().min(1, "the reply's text is required").max(1600, "at most 1600 characters") }),
  z.strictObject({ kind: z.literal("tag_contact"), tag: z.string().trim().toLowerCase().min(1, "a tag is required").max(50) }),
  // The message's conversation in the inbox (src/server/inbox):
  z
    .strictObject({ kind: z.literal("assign"), userId: z.string().min(1).max(64).nullish(), teamId: z.string().min(1).max(64).nullish() })
    .refine((a) => Boolean(a.userId || a.teamId), { message: "pick a member, a team or both", path: ["userId"] }),
  z.strictObject({ kind: z.literal("label"), label: z.string().trim().toLowerCase().min(1, "a label is required").max(50) }),
  z.strictObject({ kind: z.literal("priority"), priority: z.enum(["none", "low", "medium", "high", "urgent"]) }),
  z.strictObject({ kind: z.literal("resolve") }),
]);
export type TAutomationAction = z.infer<typeof ZAutomationAction>;

const ZRuleFields = {
  name: z.string().trim().min(1, "name is required").max(100, "at most 100 characters"),
  enabled: z.boolean().default(true),
  match: z.enum(["all", "any"]).default("all"),
  conditions: z.array(ZAutomationCondition).min(1, "at least one condition").max(20, "at most 20 conditions"),
  actions: z.array(ZAutomationAction).min(1, "at least one action").max(10, "at most 10 actions"),
  /** No later rule runs for a message this rule matched. */
  stopProcessing: z.boolean().default(false),
};

function refineRule(rule: { conditions?: TAutomationCondition[]; actions?: TAutomationAction[] }, ctx: z.RefinementCtx): void {
  for (const [i, c] of (rule.conditions ?? []).entries()) {
    if (c.kind === "time" && c.from === c.to) ctx.addIssue({ code: "custom", path: ["conditions", i, "to"], message: "the end must differ from the start" });
    if (c.kind === "contact_field" && (c.op === "equals" || c.op === "contains") && !c.value) ctx.addIssue({ code: "custom", path: ["conditions", i, "value"], message: "a value is required" });
  }
  const replies = (rule.actions ?? []).filter((a) => a.kind === "auto_reply").length;
  if (replies > 1) ctx.addIssue({ code: "custom", path: ["actions"], message: "at most one automatic reply per rule" });
}

export const ZCreateAutomationRuleInput = z.strictObject(ZRuleFields).superRefine(refineRule);
export type TCreateAutomationRuleInput = z.input<typeof ZCreateAutomationRuleInput>;

export const ZUpdateAutomationRuleInput = z
  .strictObject({
    ruleId: z.string().min(1),
    name: ZRuleFields.name.optional(),
    enabled: z.boolean().optional(),
    match: z.enum(["all", "any"]).optional(),
    conditions: ZRuleFields.conditions.optional(),
    actions: ZRuleFields.actions.optional(),
    stopProcessing: z.boolean().optional(),
    /** 0-based place in the order rules are tried. */
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .superRefine(refineRule);
export type TUpdateAutomationRuleInput = z.input<typeof ZUpdateAutomationRuleInput>;

export const ZAutomationRuleIdInput = z.strictObject({ ruleId: z.string().min(1) });
export const ZFindAutomationRunsInput = ZPageInput.extend({ ruleId: z.string().min(1).optional() });
export type TFindAutomationRunsInput = z.input<typeof ZFindAutomationRunsInput>;
