import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { auditShape } from "@/server/templates/create-template";
import { loadTenantTemplate, TEMPLATE_WRITE_ROLE, toTemplateView } from "@/server/templates/template-view";
import { ZTemplateIdInput, type TTemplateIdInput } from "@/server/templates/templates.schemas";

export async function deleteTemplate(actor: Actor, input: TTemplateIdInput): Promise<{ id: string; name: string }> {
  assertRole(actor, TEMPLATE_WRITE_ROLE);
  const { id } = ZTemplateIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = toTemplateView(await loadTenantTemplate(tx, actor.tenantId, id));
    await tx.messageTemplate.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "template.deleted", targetType: "message_template", targetId: id, before: auditShape(before) });
    return { id, name: before.name };
  });
}
