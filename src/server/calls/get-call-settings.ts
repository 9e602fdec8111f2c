import { db } from "@/server/db";
import { roleSatisfies, type Actor } from "@/server/tenancy";
import { CALL_SETTINGS_ROLE } from "@/server/calls/call-view";

export interface CallSettings {
  /** How long an outbound call may wait queued before it fails with QUEUE_TIMEOUT (a call's queue_timeout overrides it). */
  maxQueueSeconds: number;
  canEdit: boolean;
}

/** The tenant's call settings for the settings page, and whether the actor may change them. */
export async function getCallSettings(actor: Actor): Promise<CallSettings> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { maxQueueSeconds: true } });
  return { maxQueueSeconds: tenant.maxQueueSeconds, canEdit: roleSatisfies(actor.role, CALL_SETTINGS_ROLE) };
}
