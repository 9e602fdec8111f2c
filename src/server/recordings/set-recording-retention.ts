import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { assertRole, type Actor } from "@/server/tenancy";
import { RECORDING_ADMIN_ROLE } from "@/server/recordings/recording-view";
import { ZSetRecordingRetentionInput, type TSetRecordingRetentionInput } from "@/server/recordings/recordings.schemas";

/** How many days the tenant keeps recordings (null: forever). The daily retention job applies it. */
export async function setRecordingRetention(actor: Actor, rawInput: TSetRecordingRetentionInput): Promise<{ retentionDays: number | null }> {
  assertRole(actor, RECORDING_ADMIN_ROLE);
  const { days } = ZSetRecordingRetentionInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { recordingRetentionDays: true } });
    if (before.recordingRetentionDays === days) return { retentionDays: days };
    await tx.tenant.update({ where: { id: actor.tenantId }, data: { recordingRetentionDays: days } });
    await recordAudit(tx, actor, {
      action: "recording.retention_changed",
      targetType: "tenant",
      targetId: actor.tenantId,
      before: { recordingRetentionDays: before.recordingRetentionDays },
      after: { recordingRetentionDays: days },
    });
    return { retentionDays: days };
  });
}
