// The retention policy: recordings older than their tenant's recordingRetentionDays lose their audio (stored
// bytes removed, status DELETED). One call deletes at most `batchSize`, oldest first per tenant, and says
// whether more may remain, so the daily job loops in bounded steps. Running it again deletes nothing twice.
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { recordAudit } from "@/server/audit/record-audit";
import { ERASABLE_STATUSES, eraseRecording } from "@/server/recordings/erase-recording";
import type { RecordingStore } from "@/server/recordings/recording-store";
import { ZDeleteExpiredRecordingsInput, type TDeleteExpiredRecordingsInput } from "@/server/recordings/recordings.schemas";

const DAY_MS = 86_400_000;

export interface DeleteExpiredRecordingsResult {
  deleted: number;
  /** Recordings whose bytes could not be removed this time (left as they were; the next run retries). */
  failed: number;
  /** True when the batch filled up: call again. */
  hasMore: boolean;
}

export async function deleteExpiredRecordings(rawInput: TDeleteExpiredRecordingsInput = {}, opts: { store?: RecordingStore } = {}): Promise<DeleteExpiredRecordingsResult> {
  const { now, batchSize } = ZDeleteExpiredRecordingsInput.parse(rawInput);
  const tenants = await db.tenant.findMany({ where: { recordingRetentionDays: { not: null } }, select: { id: true, recordingRetentionDays: true }, orderBy: { id: "asc" } });
  let budget = batchSize;
  let deleted = 0;
  let failed = 0;
  for (const tenant of tenants) {
    if (budget === 0) break;
    const days = tenant.recordingRetentionDays!;
    const olderThan = new Date(now.getTime() - days * DAY_MS);
    const expired = await db.recording.findMany({
      where: { tenantId: tenant.id, status: { in: [...ERASABLE_STATUSES] }, createdAt: { lt: olderThan } },
      orderBy: { createdAt: "asc" },
      take: budget,
      select: { id: true, storage: true, storageKey: true },
    });
    budget -= expired.length;
    const erased: string[] = [];
    for (const recording of expired) {
      try {
        if (await eraseRecording(recording, { now, detail: `retention: older than ${days} days`, store: opts.store })) erased.push(recording.id);
      } catch (err) {
        failed++;
        logger.error({ err, tenantId: tenant.id, recordingId: recording.id }, "retention could not delete a recording");
      }
    }
    if (erased.length > 0) {
      deleted += erased.length;
      await recordAudit(db, { tenantId: tenant.id, userId: null, apiKeyId: null, impersonatorId: null }, {
        action: "recording.retention_deleted",
        targetType: "tenant",
        targetId: tenant.id,
        after: { count: erased.length, retentionDays: days, olderThan: olderThan.toISOString(), recordingIds: erased },
      });
    }
  }
  return { deleted, failed, hasMore: budget === 0 };
}
