import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { INBOX_ADMIN_ROLE } from "@/server/inbox/conversation-view";
import type { CannedResponseView } from "@/server/inbox/find-canned-responses";
import { ZCannedResponseInput, type TCannedResponseInput } from "@/server/inbox/inbox.schemas";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

export async function createCannedResponse(actor: Actor, rawInput: TCannedResponseInput): Promise<CannedResponseView> {
  assertRole(actor, INBOX_ADMIN_ROLE);
  const input = ZCannedResponseInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    if (await tx.cannedResponse.findFirst({ where: { tenantId: actor.tenantId, shortCode: input.shortCode }, select: { id: true } })) {
      throw fieldError("shortCode", `/${input.shortCode} already exists`);
    }
    const created = await tx.cannedResponse.create({ data: { id: newId("cr"), tenantId: actor.tenantId, ...input }, select: { id: true, shortCode: true, body: true } });
    await recordAudit(tx, actor, { action: "canned_response.created", targetType: "canned_response", targetId: created.id, after: created });
    return created;
  });
}
