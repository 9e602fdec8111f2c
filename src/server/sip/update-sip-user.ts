import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantSipUser } from "@/server/sip/get-sip-user";
import { SIP_USER_ROLE, toSipUserView, type SipUserView } from "@/server/sip/sip-user-view";
import { ZUpdateSipUserInput, type TUpdateSipUserInput } from "@/server/sip/sip-users.schemas";

/**
 * Enables/disables or renames. A disabled user fails the switch's next digest check (the directory answers
 * "not found"), so its registrations lapse at their next refresh and new calls are refused at once.
 */
export async function updateSipUser(actor: Actor, input: TUpdateSipUserInput): Promise<SipUserView> {
  assertRole(actor, SIP_USER_ROLE);
  const parsed = ZUpdateSipUserInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = toSipUserView(await loadTenantSipUser(tx, actor.tenantId, parsed.id));
    const row = await tx.sipUser.update({
      where: { id: parsed.id },
      data: {
        ...(parsed.enabled !== undefined ? { enabled: parsed.enabled } : {}),
        ...(parsed.displayName !== undefined ? { displayName: parsed.displayName } : {}),
      },
    });
    const after = toSipUserView(row);
    await recordAudit(tx, actor, { action: "sip_user.updated", targetType: "sip_user", targetId: row.id, before, after });
    return after;
  });
}
