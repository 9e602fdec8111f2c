import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { openSecret } from "@/server/crypto/secret-box";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantSipUser } from "@/server/sip/get-sip-user";
import { SIP_USER_ROLE } from "@/server/sip/sip-user-view";
import { ZSipUserIdInput, type TSipUserIdInput } from "@/server/sip/sip-users.schemas";

/** Shows the SIP password again (to set up another phone). Audited: whoever reads it can call on the tenant's bill. */
export async function revealSipUserPassword(actor: Actor, input: TSipUserIdInput): Promise<{ id: string; password: string }> {
  assertRole(actor, SIP_USER_ROLE);
  const { id } = ZSipUserIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const row = await loadTenantSipUser(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: "sip_user.password_revealed", targetType: "sip_user", targetId: id });
    return { id, password: openSecret(row.passwordCipher) };
  });
}
