import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { auditShape } from "@/server/templates/create-template";
import { templateNameTaken, templateRowData } from "@/server/templates/template-row-data";
import { loadTenantTemplate, TEMPLATE_WRITE_ROLE, toTemplateView, type TemplateView } from "@/server/templates/template-view";
import { ZUpdateTemplateInput, type TUpdateTemplateInput } from "@/server/templates/templates.schemas";

/** Replaces the template's content; its channel stays what it was (a 400 naming `channel` otherwise). */
export async function updateTemplate(actor: Actor, input: TUpdateTemplateInput): Promise<TemplateView> {
  assertRole(actor, TEMPLATE_WRITE_ROLE);
  const { id, template: t } = ZUpdateTemplateInput.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const before = toTemplateView(await loadTenantTemplate(tx, actor.tenantId, id));
      if (before.channel !== t.channel) {
        throw new AppError("VALIDATION_FAILED", `channel: a ${before.channel} template cannot become ${t.channel}`, { details: { fieldErrors: { channel: ["cannot change"] } } });
      }
      const after = toTemplateView(await tx.messageTemplate.update({ where: { id }, data: templateRowData(t) }));
      await recordAudit(tx, actor, { action: "template.updated", targetType: "message_template", targetId: id, before: auditShape(before), after: auditShape(after) });
      return after;
    });
  } catch (e) {
    throw templateNameTaken(e, t) ?? e;
  }
}
