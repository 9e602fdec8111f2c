// A message sent from a template (`template_id` + `template_variables`): the account's SMS template rendered with the
// variables (renderTemplate names every missing one in one 400) becomes the message's body. Another account's
// template reads as not found; a template of another channel is refused naming `template_id`.
import { db } from "@/server/db";
import { fieldError, AppError } from "@/server/errors";
import type { MessageChannelName } from "@/server/messages/messages.schemas";
import { renderTemplate, type TemplateVariables } from "@/server/templates/render-template";
import { loadTenantTemplate, toRenderable, toTemplateView } from "@/server/templates/template-view";

/** The template channel each message channel sends from. */
const TEMPLATE_CHANNEL: Partial<Record<MessageChannelName, "SMS" | "EMAIL" | "WHATSAPP">> = { sms: "SMS", mms: "SMS" };

export async function renderMessageTemplate(tenantId: string, channel: MessageChannelName, templateId: string, variables: TemplateVariables): Promise<string> {
  const wanted = TEMPLATE_CHANNEL[channel];
  if (!wanted) throw fieldError("template_id", `templates are not available for ${channel} messages yet`);
  const row = await loadTenantTemplate(db, tenantId, templateId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") throw fieldError("template_id", `${templateId} is not a template of this account`);
    throw e;
  });
  const template = toTemplateView(row);
  if (template.channel !== wanted) throw fieldError("template_id", `${templateId} is ${template.channel.toLowerCase()} template; a ${channel} message needs an ${wanted} template`);
  const rendered = renderTemplate(toRenderable(template), variables);
  if (rendered.channel !== "SMS") throw fieldError("template_id", "not an SMS template");
  return rendered.body;
}
