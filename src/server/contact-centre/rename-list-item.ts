import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { notFound } from "@/server/errors";
import { CONTACT_CENTRE_ADMIN_ROLE, duplicateError } from "@/server/contact-centre/contact-centre-view";
import { ZRenameListItemInput, type TRenameListItemInput } from "@/server/contact-centre/contact-centre.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

const LABEL = { skill: "skill", awayReason: "away reason", disposition: "disposition" } as const;

/** Renames a skill, an away reason or a disposition (a disposition's code stays: reports group by it). */
export async function renameListItem(actor: Actor, rawInput: TRenameListItemInput): Promise<{ id: string; name: string }> {
  assertRole(actor, CONTACT_CENTRE_ADMIN_ROLE);
  const { kind, id, name } = ZRenameListItemInput.parse(rawInput);
  const tenantId = actor.tenantId;
  return db.$transaction(async (tx) => {
    const where = { tenantId, id };
    const before =
      kind === "skill" ? await tx.skill.findFirst({ where }) : kind === "awayReason" ? await tx.awayReason.findFirst({ where }) : await tx.disposition.findFirst({ where });
    if (!before) throw notFound(LABEL[kind]);
    if (kind !== "disposition") {
      const taken = { tenantId, name: { equals: name, mode: "insensitive" as const }, id: { not: id } };
      if (kind === "skill" ? await tx.skill.findFirst({ where: taken }) : await tx.awayReason.findFirst({ where: taken })) throw duplicateError("name", name);
    }
    if (kind === "skill") await tx.skill.update({ where: { id }, data: { name } });
    else if (kind === "awayReason") await tx.awayReason.update({ where: { id }, data: { name } });
    else await tx.disposition.update({ where: { id }, data: { name } });
    await recordAudit(tx, actor, { action: `${kind}.renamed`, targetType: kind, targetId: id, before: { name: before.name }, after: { name } });
    return { id, name };
  });
}
