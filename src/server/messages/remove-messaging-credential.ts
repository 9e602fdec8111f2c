import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { MESSAGING_CREDENTIAL_ROLE } from "@/server/messages/messages.schemas";
import { forgetTenantMessagingCredentials } from "@/server/messages/providers/resolve-messaging-provider";
import { assertRole, type Actor } from "@/server/tenancy";

/** Deletes the tenant's own messaging account for a provider; its messages use the platform's again. */
export async function removeMessagingCredential(actor: Actor, input: { provider: "twilio" | "telnyx" | "resend" }): Promise<{ provider: string }> {
  assertRole(actor, MESSAGING_CREDENTIAL_ROLE);
  await db.$transaction(async (tx) => {
    const removed = await tx.tenantMessagingCredential.deleteMany({ where: { tenantId: actor.tenantId, provider: input.provider } });
    if (removed.count === 0) throw notFound(`a ${input.provider} messaging account of this workspace`);
    await recordAudit(tx, actor, { action: "messaging.credential_removed", targetType: "messaging_provider", targetId: input.provider, before: { provider: input.provider }, after: null });
  });
  forgetTenantMessagingCredentials(actor.tenantId);
  return { provider: input.provider };
}
