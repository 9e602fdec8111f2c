import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { INBOX_ADMIN_ROLE } from "@/server/inbox/conversation-view";
import { ZCannedResponseIdInput } from "@/server/inbox/inbox.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

export async function deleteCannedResponse(actor: Actor, rawInput: { id: string }): Promise<{ deleted: true }> {
  assertRole(actor, INBOX_ADMIN_ROLE);
  const { id } = ZCannedResponseIdInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const before = await tx.cannedResponse.findFirst({ where: { id, tenantId: actor.tenantId }, select: { id: true, shortCode: true, body: true } });
    if (!before) throw notFound("canned response");
    await tx.cannedResponse.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "canned_response.deleted", targetType: "canned_response", targetId: id, before });
    return { deleted: true as const };
  });
}
