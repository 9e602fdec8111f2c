// /api/v1/templates: the account's message templates (SMS, email, WhatsApp) and rendering one with values,
// exactly as a message will be sent (renderTemplate).
import { z, ZodError } from "zod";
import { fieldError } from "@/server/errors";
import { withApiFieldNames } from "@/server/api/api-field-names";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { createTemplate } from "@/server/templates/create-template";
import { deleteTemplate } from "@/server/templates/delete-template";
import { findTemplates, getTemplate } from "@/server/templates/find-templates";
import { previewTemplate } from "@/server/templates/preview-template";
import { updateTemplate } from "@/server/templates/update-template";
import type { TemplateView } from "@/server/templates/template-view";
import { ZTemplateVariableValues, ZWhatsAppComponent, type TCreateTemplateInput } from "@/server/templates/templates.schemas";

const ZChannel = z.enum(["sms", "email", "whatsapp"]);

export const ZTemplateResource = z
  .object({
    id: z.string().meta({ example: "mt_01jf3k9v6m2x8c4r7t5y1n0b2q" }),
    channel: ZChannel,
    name: z.string().meta({ example: "order_shipped" }),
    body: z.string().meta({ description: "SMS: the text. WhatsApp: the BODY component's text" }),
    subject: z.string().meta({ description: "Email only" }),
    html: z.string().meta({ description: "Email only: the HTML body" }),
    text: z.string().meta({ description: "Email only: the plain-text body" }),
    language: z.string().meta({ description: "WhatsApp only (e.g. en_US)" }),
    category: z.enum(["MARKETING", "UTILITY", "AUTHENTICATION"]).nullable(),
    components: z.array(z.record(z.string(), z.unknown())).nullable().meta({ description: "WhatsApp only: HEADER, BODY, FOOTER, BUTTONS as Meta's Cloud API takes them" }),
    approval_status: z.enum(["PENDING", "APPROVED", "REJECTED"]).nullable(),
    rejection_reason: z.string().nullable(),
    variables: z.array(z.string()).meta({ description: "The {{variables}} the template uses, in order of first use", example: ["first_name", "order_id"] }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "MessageTemplate" });

function toResource(t: TemplateView): z.input<typeof ZTemplateResource> {
  return {
    id: t.id,
    channel: t.channel.toLowerCase() as z.infer<typeof ZChannel>,
    name: t.name,
    body: t.body,
    subject: t.subject,
    html: t.html,
    text: t.text,
    language: t.language,
    category: t.category,
    components: t.components as Record<string, unknown>[] | null,
    approval_status: t.approvalStatus,
    rejection_reason: t.rejectionReason,
    variables: t.variables,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}

const ZTemplateBody = z.strictObject({
  channel: ZChannel.meta({ description: "sms, email or whatsapp; fixed once created" }),
  name: z.string().max(512).meta({ description: "Unique per channel (and language, for WhatsApp); WhatsApp names are lower-case letters, digits and _" }),
  body: z.string().max(1600).optional().meta({ description: "SMS: the text, with {{variables}}" }),
  subject: z.string().max(998).optional().meta({ description: "Email: the subject" }),
  html: z.string().max(500_000).optional().meta({ description: "Email: the HTML body" }),
  text: z.string().max(500_000).optional().meta({ description: "Email: the plain-text body" }),
  language: z.string().max(16).optional().meta({ description: "WhatsApp: the language code", example: "en_US" }),
  category: z.enum(["MARKETING", "UTILITY", "AUTHENTICATION"]).optional(),
  components: z.array(ZWhatsAppComponent).max(4).optional(),
  approval_status: z.enum(["PENDING", "APPROVED", "REJECTED"]).optional().meta({ description: "WhatsApp: Meta's review status (PENDING on create)" }),
  rejection_reason: z.string().max(500).nullish(),
});
type TemplateBody = z.infer<typeof ZTemplateBody>;

function toInput(b: TemplateBody): TCreateTemplateInput {
  if (b.channel === "sms") return { channel: "SMS", name: b.name, body: b.body ?? "" };
  if (b.channel === "email") return { channel: "EMAIL", name: b.name, subject: b.subject ?? "", html: b.html ?? "", text: b.text ?? "" };
  return {
    channel: "WHATSAPP",
    name: b.name,
    language: b.language ?? "",
    category: b.category ?? ("" as "UTILITY"),
    components: b.components ?? [],
    approvalStatus: b.approval_status,
    rejectionReason: b.rejection_reason,
  };
}

function fromView(t: TemplateView): TemplateBody {
  return {
    channel: t.channel.toLowerCase() as TemplateBody["channel"],
    name: t.name,
    body: t.body,
    subject: t.subject,
    html: t.html,
    text: t.text,
    language: t.language,
    category: t.category ?? undefined,
    components: t.components ?? undefined,
    approval_status: t.approvalStatus ?? undefined,
    rejection_reason: t.rejectionReason,
  };
}

const ZTemplateParams = z.strictObject({ templateId: z.string().min(1).max(64).meta({ description: "Template id", example: "mt_01jf3k9v6m2x8c4r7t5y1n0b2q" }) });

export const listTemplatesRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/templates",
    operationId: "listTemplates",
    tag: "Templates",
    summary: "List message templates",
    description: "Newest first; `channel` narrows to one channel.",
    scope: "messages:read",
    query: ZPageQuery.extend({ channel: ZChannel.optional() }),
    response: listOf(ZTemplateResource, "MessageTemplateList"),
  },
  async ({ actor, query }) =>
    toList(await findTemplates(actor, { limit: query.limit, cursor: query.starting_after, channel: query.channel ? (query.channel.toUpperCase() as "SMS" | "EMAIL" | "WHATSAPP") : undefined }), toResource),
);

export const createTemplateRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/templates",
    operationId: "createTemplate",
    tag: "Templates",
    summary: "Create a message template",
    description:
      "SMS: `name`, `body`. Email: `name`, `subject` and `html` and/or `text`. WhatsApp: `name`, `language`, `category`, `components` (exactly one BODY; header text 60, body 1024, footer 60 characters; up to 10 buttons). Values go in as `{{name}}` (WhatsApp also `{{1}}`). A name taken on the channel is a 409.",
    scope: "messages:write",
    body: ZTemplateBody,
    response: ZTemplateResource,
    status: 201,
    example: { channel: "sms", name: "order_shipped", body: "Hi {{first_name}}, order {{order_id}} has shipped." },
  },
  async ({ actor, body }) => toResource(await withApiFieldNames(() => createTemplate(actor, toInput(body)))),
);

export const getTemplateRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/templates/{templateId}",
    operationId: "getTemplate",
    tag: "Templates",
    summary: "Retrieve a message template",
    scope: "messages:read",
    params: ZTemplateParams,
    response: ZTemplateResource,
  },
  async ({ actor, params }) => toResource(await getTemplate(actor, { id: params.templateId })),
);

export const updateTemplateRoute = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/templates/{templateId}",
    operationId: "updateTemplate",
    tag: "Templates",
    summary: "Update a message template",
    description: "Changes the fields given; the others stay. The channel cannot change (400 naming `channel`). For WhatsApp, `approval_status` records Meta's review.",
    scope: "messages:write",
    params: ZTemplateParams,
    body: ZTemplateBody.partial(),
    response: ZTemplateResource,
    example: { body: "Hi {{first_name}}, order {{order_id}} is on its way." },
  },
  async ({ actor, params, body }) => {
    const current = await getTemplate(actor, { id: params.templateId });
    if (body.channel && body.channel.toUpperCase() !== current.channel) throw fieldError("channel", `a ${current.channel.toLowerCase()} template cannot become ${body.channel}`);
    const merged = { ...fromView(current), ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) } as TemplateBody;
    // The use-case nests the content under `template`; the API's body is that content, so its fields are top-level.
    const unnested = (e: unknown) => (e instanceof ZodError ? new ZodError(e.issues.map((i) => ({ ...i, path: i.path[0] === "template" ? i.path.slice(1) : i.path }))) : e);
    return toResource(
      await withApiFieldNames(() =>
        updateTemplate(actor, { id: params.templateId, template: toInput(merged) }).catch((e: unknown) => {
          throw unnested(e);
        }),
      ),
    );
  },
);

export const deleteTemplateRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/templates/{templateId}",
    operationId: "deleteTemplate",
    tag: "Templates",
    summary: "Delete a message template",
    scope: "messages:write",
    params: ZTemplateParams,
    response: z.object({ id: z.string(), name: z.string(), deleted: z.literal(true) }).meta({ id: "DeletedMessageTemplate" }),
  },
  async ({ actor, params }) => ({ ...(await deleteTemplate(actor, { id: params.templateId })), deleted: true as const }),
);

export const renderTemplateRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/templates/{templateId}/render",
    operationId: "renderTemplate",
    tag: "Templates",
    summary: "Render a template with values",
    description:
      "What a message from the template would say, nothing sent. Every variable needs a value: missing ones are a 400 naming `variables` and listing each. Email HTML gets values HTML-escaped. WhatsApp also returns the Cloud API `template` object to send.",
    scope: "messages:read",
    params: ZTemplateParams,
    body: z.strictObject({ variables: ZTemplateVariableValues.default({}).meta({ example: { first_name: "Ada", order_id: "A-1042" } }) }),
    response: z
      .object({
        channel: ZChannel,
        body: z.string().optional(),
        subject: z.string().optional(),
        html: z.string().optional(),
        text: z.string().optional(),
        header: z.string().nullable().optional(),
        footer: z.string().nullable().optional(),
        template: z.record(z.string(), z.unknown()).optional().meta({ description: "WhatsApp: the Cloud API `template` object" }),
      })
      .meta({ id: "RenderedTemplate" }),
    example: { variables: { first_name: "Ada", order_id: "A-1042" } },
  },
  async ({ actor, params, body }) => {
    const r = await withApiFieldNames(() => previewTemplate(actor, { id: params.templateId, variables: body.variables }));
    const channel = r.channel.toLowerCase() as z.infer<typeof ZChannel>;
    if (r.channel === "WHATSAPP") return { channel, header: r.header, body: r.body, footer: r.footer, template: r.template as unknown as Record<string, unknown> };
    return { ...r, channel };
  },
);
