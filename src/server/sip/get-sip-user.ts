import type { SipUser } from "@/generated/prisma/client";
import { db, type DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { SIP_USER_ROLE, toSipUserView, type SipUserView } from "@/server/sip/sip-user-view";
import { ZSipUserIdInput, type TSipUserIdInput } from "@/server/sip/sip-users.schemas";

/** The SIP user row of the actor's tenant; another tenant's id is NOT_FOUND, exactly like a missing one. */
export async function loadTenantSipUser(client: DbOrTx, tenantId: string, id: string): Promise<SipUser> {
  const row = await client.sipUser.findFirst({ where: { id, tenantId } });
  if (!row) throw notFound("SIP user");
  return row;
}

export async function getSipUser(actor: Actor, input: TSipUserIdInput): Promise<SipUserView> {
  assertRole(actor, SIP_USER_ROLE);
  const { id } = ZSipUserIdInput.parse(input);
  return toSipUserView(await loadTenantSipUser(db, actor.tenantId, id));
}
