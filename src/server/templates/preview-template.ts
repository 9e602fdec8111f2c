import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { renderTemplate, type RenderedTemplate } from "@/server/templates/render-template";
import { loadTenantTemplate, TEMPLATE_READ_ROLE, toRenderable, toTemplateView } from "@/server/templates/template-view";
import { ZPreviewTemplateInput, type TPreviewTemplateInput } from "@/server/templates/templates.schemas";

/** Renders a saved template (by id) or the editor's draft with the given sample values; nothing is stored. */
export async function previewTemplate(actor: Actor, input: TPreviewTemplateInput): Promise<RenderedTemplate> {
  assertRole(actor, TEMPLATE_READ_ROLE);
  const q = ZPreviewTemplateInput.parse(input);
  if ("id" in q) return renderTemplate(toRenderable(toTemplateView(await loadTenantTemplate(db, actor.tenantId, q.id))), q.variables);
  return renderTemplate(q.draft, q.variables);
}
