import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { CALL_SETTINGS_ROLE } from "@/server/calls/call-view";
import { ZSetMaxQueueSecondsInput, type TSetMaxQueueSecondsInput } from "@/server/calls/calls.schemas";

/**
 * How long the tenant's outbound calls may wait queued before they fail with QUEUE_TIMEOUT. It applies to calls
 * placed from now on: a queued call keeps the deadline it was given when placed.
 */
export async function setMaxQueueSeconds(actor: Actor, rawInput: TSetMaxQueueSecondsInput): Promise<{ maxQueueSeconds: number }> {
  assertRole(actor, CALL_SETTINGS_ROLE);
  const { maxQueueSeconds } = ZSetMaxQueueSecondsInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { maxQueueSeconds: true } });
    if (before.maxQueueSeconds !== maxQueueSeconds) {
      await tx.tenant.update({ where: { id: actor.tenantId }, data: { maxQueueSeconds } });
      await recordAudit(tx, actor, { action: "calls.max_queue_seconds_changed", targetType: "tenant", targetId: actor.tenantId, before, after: { maxQueueSeconds } });
    }
    return { maxQueueSeconds };
  });
}
