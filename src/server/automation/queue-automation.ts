// An inbound message is put in the automation runner's queue with the message itself (in storeInboundMessage's
// transaction), when its tenant has an enabled rule: a crash between the two loses nothing, and a tenant without
// rules pays one index probe.
import type { Tx } from "@/server/db";

export async function queueAutomation(tx: Tx, message: { id: string; tenantId: string }): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "AutomationQueue" ("messageId", "tenantId", "nextAttemptAt", "createdAt")
    SELECT ${message.id}, ${message.tenantId}, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
    WHERE EXISTS (SELECT 1 FROM "AutomationRule" WHERE "tenantId" = ${message.tenantId} AND enabled)
    ON CONFLICT DO NOTHING`;
}
