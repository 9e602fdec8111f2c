import { db } from "@/server/db";
import { MESSAGING_CREDENTIAL_ROLE } from "@/server/messages/messages.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

/** Which providers the tenant has its own account for: the provider, the account id (Twilio), the key's last four. */
export async function findMessagingCredentials(actor: Actor): Promise<{ provider: string; accountId: string | null; hint: string; updatedAt: Date }[]> {
  assertRole(actor, MESSAGING_CREDENTIAL_ROLE);
  return db.tenantMessagingCredential.findMany({ where: { tenantId: actor.tenantId }, select: { provider: true, accountId: true, hint: true, updatedAt: true }, orderBy: { provider: "asc" } });
}
