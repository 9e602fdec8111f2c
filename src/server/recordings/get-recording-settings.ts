import { db } from "@/server/db";
import { type Actor } from "@/server/tenancy";
import { roleSatisfies } from "@/server/tenancy";
import { RECORDING_ADMIN_ROLE } from "@/server/recordings/recording-view";

/** The tenant's recording settings for the settings page, and whether the actor may change them. */
export async function getRecordingSettings(actor: Actor): Promise<{ retentionDays: number | null; canEdit: boolean }> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { recordingRetentionDays: true } });
  return { retentionDays: tenant.recordingRetentionDays, canEdit: roleSatisfies(actor.role, RECORDING_ADMIN_ROLE) };
}
