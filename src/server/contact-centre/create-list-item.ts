import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { CONTACT_CENTRE_ADMIN_ROLE, duplicateError, type ListItemView } from "@/server/contact-centre/contact-centre-view";
import { ZCreateListItemInput, type TCreateListItemInput } from "@/server/contact-centre/contact-centre.schemas";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/** Adds a skill, an away reason or a disposition code; a name (or code) the tenant already has is a 409 naming it. */
export async function createListItem(actor: Actor, rawInput: TCreateListItemInput): Promise<ListItemView> {
  assertRole(actor, CONTACT_CENTRE_ADMIN_ROLE);
  const input = ZCreateListItemInput.parse(rawInput);
  const tenantId = actor.tenantId;
  return db.$transaction(async (tx) => {
    let created: ListItemView;
    if (input.kind === "skill") {
      if (await tx.skill.findFirst({ where: { tenantId, name: { equals: input.name, mode: "insensitive" } } })) throw duplicateError("name", input.name);
      const row = await tx.skill.create({ data: { id: newId("sk"), tenantId, name: input.name } });
      created = { id: row.id, name: row.name, code: "", archived: false, usedBy: 0 };
    } else if (input.kind === "awayReason") {
      if (await tx.awayReason.findFirst({ where: { tenantId, name: { equals: input.name, mode: "insensitive" } } })) throw duplicateError("name", input.name);
      const row = await tx.awayReason.create({ data: { id: newId("ar"), tenantId, name: input.name } });
      created = { id: row.id, name: row.name, code: "", archived: false, usedBy: 0 };
    } else {
      if (await tx.disposition.findFirst({ where: { tenantId, code: { equals: input.code, mode: "insensitive" } } })) throw duplicateError("code", input.code);
      const row = await tx.disposition.create({ data: { id: newId("dsp"), tenantId, code: input.code, name: input.name } });
      created = { id: row.id, name: row.name, code: row.code, archived: false, usedBy: 0 };
    }
    await recordAudit(tx, actor, { action: `${input.kind}.created`, targetType: input.kind, targetId: created.id, after: created });
    return created;
  });
}
