// Inputs of the template use-cases. WhatsApp components follow Meta's Cloud API (message_templates) format and
// its documented limits: header text 60, body 1024, footer 60 characters; up to 10 buttons, 25 characters each.
import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";
import { templateVariables } from "@/server/templates/template-variables";

export const TEMPLATE_CHANNELS = ["SMS", "EMAIL", "WHATSAPP"] as const;
export const ZTemplateChannel = z.enum(TEMPLATE_CHANNELS);
export const ZWhatsAppCategory = z.enum(["MARKETING", "UTILITY", "AUTHENTICATION"]);
export const ZWhatsAppStatus = z.enum(["PENDING", "APPROVED", "REJECTED"]);

const ZName = z.string().trim().min(1, "name is required").max(100, "at most 100 characters");

const ZHeader = z.strictObject({
  type: z.literal("HEADER"),
  format: z.enum(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"]),
  text: z.string().max(60, "a header's text is at most 60 characters").optional(),
  example: z.record(z.string(), z.unknown()).optional(),
});
const ZBody = z.strictObject({
  type: z.literal("BODY"),
  text: z.string().trim().min(1, "the body's text is required").max(1024, "a body is at most 1024 characters"),
  example: z.record(z.string(), z.unknown()).optional(),
});
const ZFooter = z.strictObject({ type: z.literal("FOOTER"), text: z.string().min(1).max(60, "a footer is at most 60 characters") });
const ZButtonText = z.string().trim().min(1, "a button needs text").max(25, "a button's text is at most 25 characters");
const ZButton = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("QUICK_REPLY"), text: ZButtonText }),
  z.strictObject({ type: z.literal("URL"), text: ZButtonText, url: z.string().url().max(2000), example: z.array(z.string()).optional() }),
  z.strictObject({ type: z.literal("PHONE_NUMBER"), text: ZButtonText, phone_number: z.string().regex(/^\+[1-9]\d{6,14}$/, "a number in international form") }),
  z.strictObject({ type: z.literal("COPY_CODE"), example: z.string().min(1).max(15) }),
]);
const ZButtons = z.strictObject({ type: z.literal("BUTTONS"), buttons: z.array(ZButton).min(1, "at least one button").max(10, "at most 10 buttons") });

export const ZWhatsAppComponent = z.discriminatedUnion("type", [ZHeader, ZBody, ZFooter, ZButtons]);
export type TWhatsAppComponent = z.infer<typeof ZWhatsAppComponent>;

export const ZWhatsAppComponents = z
  .array(ZWhatsAppComponent)
  .min(1)
  .max(4)
  .superRefine((components, ctx) => {
    for (const type of ["HEADER", "BODY", "FOOTER", "BUTTONS"] as const) {
      const n = components.filter((c) => c.type === type).length;
      if (type === "BODY" && n !== 1) ctx.addIssue({ code: "custom", message: "exactly one BODY component is required" });
      else if (n > 1) ctx.addIssue({ code: "custom", message: `at most one ${type} component` });
    }
    const header = components.find((c) => c.type === "HEADER");
    if (header?.type === "HEADER" && header.format === "TEXT") {
      if (!header.text) ctx.addIssue({ code: "custom", message: "a TEXT header needs text" });
      else if (templateVariables([header.text]).length > 1) ctx.addIssue({ code: "custom", message: "a header takes at most one variable" });
    }
    const footer = components.find((c) => c.type === "FOOTER");
    if (footer?.type === "FOOTER" && templateVariables([footer.text]).length > 0) ctx.addIssue({ code: "custom", message: "a footer cannot hold variables" });
  });

/** Meta's template names: lower-case letters, digits and underscores. */
const ZWhatsAppName = z
  .string()
  .trim()
  .min(1, "name is required")
  .max(512)
  .regex(/^[a-z0-9_]+$/, "lower-case letters, digits and underscores only (Meta's rule)");
/** A locale code as Meta lists them: en, en_US, pt_BR, zh_CN… */
const ZLanguage = z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "a language code such as en or en_US");

export const ZSmsTemplateFields = z.strictObject({
  channel: z.literal("SMS"),
  name: ZName,
  body: z.string().trim().min(1, "the text is required").max(1600, "at most 1600 characters (10 segments)"),
});
export const ZEmailTemplateFields = z.strictObject({
  channel: z.literal("EMAIL"),
  name: ZName,
  subject: z.string().trim().min(1, "a subject is required").max(998, "at most 998 characters (RFC 5322 line limit)"),
  html: z.string().max(500_000, "at most 500,000 characters").default(""),
  text: z.string().max(500_000, "at most 500,000 characters").default(""),
});
export const ZWhatsAppTemplateFields = z.strictObject({
  channel: z.literal("WHATSAPP"),
  name: ZWhatsAppName,
  language: ZLanguage,
  category: ZWhatsAppCategory,
  components: ZWhatsAppComponents,
  approvalStatus: ZWhatsAppStatus.default("PENDING"),
  rejectionReason: z.string().trim().max(500).nullish(),
});

export const ZCreateTemplateInput = z
  .discriminatedUnion("channel", [ZSmsTemplateFields, ZEmailTemplateFields, ZWhatsAppTemplateFields])
  .superRefine((t, ctx) => {
    if (t.channel === "EMAIL" && !t.html.trim() && !t.text.trim()) ctx.addIssue({ code: "custom", path: ["html"], message: "an HTML or a plain-text body is required" });
  });
export type TCreateTemplateInput = z.input<typeof ZCreateTemplateInput>;

/** Update: the template's id and its full new content (its channel cannot change). */
export const ZUpdateTemplateInput = z.object({ id: z.string().min(1).max(64), template: ZCreateTemplateInput });
export type TUpdateTemplateInput = z.input<typeof ZUpdateTemplateInput>;

export const ZTemplateIdInput = z.object({ id: z.string().min(1).max(64) });
export type TTemplateIdInput = z.input<typeof ZTemplateIdInput>;

export const ZFindTemplatesInput = ZPageInput.extend({
  channel: ZTemplateChannel.optional(),
  search: z.string().trim().max(100).optional(),
});
export type TFindTemplatesInput = z.input<typeof ZFindTemplatesInput>;

export const ZTemplateVariableValues = z.record(z.string().max(100), z.union([z.string().max(10_000), z.number(), z.boolean()]));

/**
 * What a preview needs of a draft: only what is rendered, so a draft whose name is not valid yet (or whose other
 * fields are unfinished) still previews. Other fields the editor sends are dropped.
 */
const ZPreviewDraft = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("SMS"), body: z.string().max(1600) }),
  z.object({ channel: z.literal("EMAIL"), subject: z.string().max(998), html: z.string().max(500_000).default(""), text: z.string().max(500_000).default("") }),
  z.object({ channel: z.literal("WHATSAPP"), name: z.string().max(512), language: z.string().max(16), components: ZWhatsAppComponents }),
]);

/** Preview: a saved template by id, or a draft (what the editor holds), with sample values. */
export const ZPreviewTemplateInput = z.union([
  z.strictObject({ id: z.string().min(1).max(64), variables: ZTemplateVariableValues.default({}) }),
  z.strictObject({ draft: ZPreviewDraft, variables: ZTemplateVariableValues.default({}) }),
]);
export type TPreviewTemplateInput = z.input<typeof ZPreviewTemplateInput>;
