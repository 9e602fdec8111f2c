import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantSipUser } from "@/server/sip/get-sip-user";
import { SIP_USER_ROLE, toSipUserView } from "@/server/sip/sip-user-view";
import { ZSipUserIdInput, type TSipUserIdInput } from "@/server/sip/sip-users.schemas";

/** Deletes the credential; the switch's next lookup of it answers "not found". */
export async function deleteSipUser(actor: Actor, input: TSipUserIdInput): Promise<{ id: string }> {
  assertRole(actor, SIP_USER_ROLE);
  const { id } = ZSipUserIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = toSipUserView(await loadTenantSipUser(tx, actor.tenantId, id));
    await tx.sipUser.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "sip_user.deleted", targetType: "sip_user", targetId: id, before });
    return { id };
  });
}
