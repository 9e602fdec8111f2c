import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { templateNameTaken, templateRowData } from "@/server/templates/template-row-data";
import { TEMPLATE_WRITE_ROLE, toTemplateView, type TemplateView } from "@/server/templates/template-view";
import { ZCreateTemplateInput, type TCreateTemplateInput } from "@/server/templates/templates.schemas";

export async function createTemplate(actor: Actor, input: TCreateTemplateInput): Promise<TemplateView> {
  assertRole(actor, TEMPLATE_WRITE_ROLE);
  const t = ZCreateTemplateInput.parse(input);
  const id = newId("mt");
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.messageTemplate.create({ data: { id, tenantId: actor.tenantId, ...templateRowData(t) } });
      const view = toTemplateView(row);
      await recordAudit(tx, actor, { action: "template.created", targetType: "message_template", targetId: id, after: auditShape(view) });
      return view;
    });
  } catch (e) {
    throw templateNameTaken(e, t) ?? e;
  }
}

/** What the audit keeps of a template: everything but timestamps. */
export function auditShape(v: TemplateView) {
  const { createdAt: _c, updatedAt: _u, ...rest } = v;
  return rest;
}
