// The end of a tenant's deletion: once its grace period is over, its numbers bought at a provider are released
// there, its recordings' stored bytes are removed, and then the tenant row goes, taking every row that belongs to
// it (calls, records, messages, keys, webhooks, audit…) by cascade, with the users who belonged to it alone. A
// provider or store failure leaves the tenant for the next run (nothing half-purged is forgotten: the row with its
// purge date stays until the last step succeeds). The platform audit log keeps one line per purged tenant.
import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import { logger } from "@/server/logger";
import { releasePhoneNumber } from "@/server/numbers/release-phone-number";
import type { NumberProvider } from "@/server/numbers/providers/number-provider";
import { getRecordingStore } from "@/server/recordings/get-recording-store";
import { isRecordingStorageKind, type RecordingStore } from "@/server/recordings/recording-store";
import type { Actor } from "@/server/tenancy";

const RECORDING_BATCH = 500;

export interface PurgeOptions {
  now?: Date;
  /** Test seams: the recording store and number provider the purge talks to. */
  store?: RecordingStore;
  provider?: NumberProvider | null;
}

export interface PurgeResult {
  tenantId: string;
  numbersReleased: number;
  recordingsErased: number;
  usersDeleted: number;
}

/** Tenants whose grace period is over, oldest first. */
export async function findTenantsDueForPurge(now: Date, limit = 20): Promise<string[]> {
  const rows = await db.tenant.findMany({ where: { deletionRequestedAt: { not: null }, purgeAfter: { lte: now } }, orderBy: { purgeAfter: "asc" }, take: limit, select: { id: true } });
  return rows.map((r) => r.id);
}

export async function purgeTenant(tenantId: string, opts: PurgeOptions = {}): Promise<PurgeResult | null> {
  const now = opts.now ?? new Date();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true, slug: true, accountSid: true, deletionRequestedAt: true, purgeAfter: true, deletionReason: true } });
  // Gone already, restored meanwhile, or not due: nothing to do.
  if (!tenant?.deletionRequestedAt || !tenant.purgeAfter || tenant.purgeAfter > now) return null;

  // 1. Numbers bought at a provider go back to it (a provider that cannot be reached throws: next run).
  const system: Actor = { tenantId, role: "OWNER", userId: null, apiKeyId: null, impersonatorId: null, requestId: `purge-${tenantId}` };
  const numbers = await db.phoneNumber.findMany({ where: { tenantId }, select: { id: true } });
  for (const n of numbers) await releasePhoneNumber(system, { id: n.id }, opts.provider ?? null);

  // 2. Recordings' bytes, in batches (a store failure throws: next run deletes what is left).
  let recordingsErased = 0;
  for (;;) {
    const batch = await db.recording.findMany({ where: { tenantId, storageKey: { not: null } }, select: { id: true, storage: true, storageKey: true }, take: RECORDING_BATCH });
    if (batch.length === 0) break;
    for (const r of batch) {
      if (isRecordingStorageKind(r.storage)) await (opts.store ?? getRecordingStore(r.storage)).delete(r.storageKey!);
    }
    await db.recording.updateMany({ where: { id: { in: batch.map((r) => r.id) } }, data: { storageKey: null, status: "DELETED", deletedAt: now } });
    recordingsErased += batch.length;
  }

  // Uploaded voicemail greetings are stored like recordings: their bytes go too (the rows go with the tenant).
  const greetings = await db.voicemailGreeting.findMany({ where: { tenantId }, select: { storage: true, storageKey: true } });
  for (const g of greetings) {
    if (isRecordingStorageKind(g.storage)) await (opts.store ?? getRecordingStore(g.storage)).delete(g.storageKey);
  }

  // Message attachments (emails', WhatsApp and Telegram media) are stored like recordings: their bytes go, a batch at a
  // time with their rows, so a run that fails half-way leaves only attachments whose bytes are still there.
  for (;;) {
    const batch = await db.messageAttachment.findMany({ where: { tenantId }, select: { id: true, storage: true, storageKey: true }, take: RECORDING_BATCH });
    if (batch.length === 0) break;
    for (const a of batch) {
      if (isRecordingStorageKind(a.storage)) await (opts.store ?? getRecordingStore(a.storage)).delete(a.storageKey);
    }
    await db.messageAttachment.deleteMany({ where: { id: { in: batch.map((a) => a.id) } } });
  }

  // 3. The rows: the tenant (cascading to everything it owns) and the users who had no other workspace.
  const usersDeleted = await db.$transaction(async (tx) => {
    const members = await tx.membership.findMany({ where: { tenantId }, select: { userId: true } });
    const loners = await tx.user.findMany({
      where: { id: { in: members.map((m) => m.userId) }, isPlatformStaff: false, memberships: { every: { tenantId } } },
      select: { id: true },
    });
    await tx.tenant.delete({ where: { id: tenantId } });
    await tx.user.deleteMany({ where: { id: { in: loners.map((u) => u.id) } } });
    await recordAudit(tx, { tenantId: null, userId: null, apiKeyId: null, impersonatorId: null, requestId: system.requestId }, {
      action: "tenant.purged",
      targetType: "tenant",
      targetId: tenantId,
      before: { name: tenant.name, slug: tenant.slug, accountSid: tenant.accountSid, deletionRequestedAt: tenant.deletionRequestedAt, reason: tenant.deletionReason },
      after: { numbersReleased: numbers.length, recordingsErased, usersDeleted: loners.length },
    });
    return loners.length;
  });
  logger.info({ tenantId, numbersReleased: numbers.length, recordingsErased, usersDeleted }, "tenant purged");
  return { tenantId, numbersReleased: numbers.length, recordingsErased, usersDeleted };
}

/** One run of the purge job: every due tenant, each on its own (one failing does not hold up the others). */
export async function purgeDeletedTenants(opts: PurgeOptions & { limit?: number } = {}): Promise<{ purged: PurgeResult[]; failed: { tenantId: string; error: string }[] }> {
  const now = opts.now ?? new Date();
  const purged: PurgeResult[] = [];
  const failed: { tenantId: string; error: string }[] = [];
  for (const tenantId of await findTenantsDueForPurge(now, opts.limit)) {
    try {
      const result = await purgeTenant(tenantId, { ...opts, now });
      if (result) purged.push(result);
    } catch (err) {
      logger.error({ err, tenantId }, "tenant purge failed; the next run retries");
      failed.push({ tenantId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { purged, failed };
}
