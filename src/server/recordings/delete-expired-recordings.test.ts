// Retention: only recordings older than their tenant's policy, only tenants that have one; in batches;
// running again deletes nothing twice.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { deleteExpiredRecordings } from "@/server/recordings/delete-expired-recordings";
import { getRecordingStore } from "@/server/recordings/get-recording-store";
import { createTestTenant } from "@/test/factories";
import { createTestCall, createTestRecording, useTempRecordingDirs } from "@/test/recording-fixtures";
import { startRecording } from "@/server/recordings/start-recording";

const DAY = 86_400_000;
const NOW = new Date("2026-11-25T03:30:00Z");

beforeAll(async () => {
  await useTempRecordingDirs();
});

async function recordingAged(tenantId: string, days: number) {
  const { recording } = await createTestRecording(tenantId);
  await db.recording.update({ where: { id: recording.id }, data: { createdAt: new Date(NOW.getTime() - days * DAY) } });
  return recording.id;
}

const statusOf = async (id: string) => (await db.recording.findUniqueOrThrow({ where: { id } })).status;

describe("deleteExpiredRecordings", () => {
  it("deletes only recordings past their tenant's retention, bytes included, and only for tenants with a policy", async () => {
    const keeps30 = await createTestTenant();
    const keepsForever = await createTestTenant();
    await db.tenant.update({ where: { id: keeps30.tenant.id }, data: { recordingRetentionDays: 30 } });
    const old = await recordingAged(keeps30.tenant.id, 31);
    const young = await recordingAged(keeps30.tenant.id, 29);
    const ancient = await recordingAged(keepsForever.tenant.id, 400);
    // Still recording, however old: left alone.
    const call = await createTestCall(keeps30.tenant.id);
    const live = await startRecording({ tenantId: keeps30.tenant.id, callId: call.id, switchPath: "live.wav" });
    await db.recording.update({ where: { id: live.id }, data: { createdAt: new Date(NOW.getTime() - 90 * DAY) } });
    const { storageKey } = await db.recording.findUniqueOrThrow({ where: { id: old } });

    expect(await deleteExpiredRecordings({ now: NOW })).toEqual({ deleted: 1, failed: 0, hasMore: false });
    expect(await statusOf(old)).toBe("DELETED");
    expect(await getRecordingStore("local").size(storageKey!)).toBeNull();
    expect(await statusOf(young)).toBe("COMPLETED");
    expect(await statusOf(ancient)).toBe("COMPLETED");
    expect(await statusOf(live.id)).toBe("IN_PROGRESS");
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: keeps30.tenant.id, action: "recording.retention_deleted" } });
    expect(audit.after).toMatchObject({ count: 1, retentionDays: 30, recordingIds: [old] });

    expect(await deleteExpiredRecordings({ now: NOW })).toEqual({ deleted: 0, failed: 0, hasMore: false });
    expect(await db.auditLog.count({ where: { tenantId: keeps30.tenant.id, action: "recording.retention_deleted" } })).toBe(1);
  });

  it("works in batches, oldest first, and says when more remain", async () => {
    const { tenant } = await createTestTenant();
    await db.tenant.update({ where: { id: tenant.id }, data: { recordingRetentionDays: 1 } });
    const ids = [];
    for (const days of [5, 4, 3, 2, 10]) ids.push(await recordingAged(tenant.id, days));
    expect(await deleteExpiredRecordings({ now: NOW, batchSize: 2 })).toMatchObject({ deleted: 2, hasMore: true });
    expect(await statusOf(ids[4]!)).toBe("DELETED"); // 10 days
    expect(await statusOf(ids[0]!)).toBe("DELETED"); // 5 days
    expect(await statusOf(ids[3]!)).toBe("COMPLETED");
    expect(await deleteExpiredRecordings({ now: NOW, batchSize: 2 })).toMatchObject({ deleted: 2, hasMore: true });
    expect(await deleteExpiredRecordings({ now: NOW, batchSize: 2 })).toMatchObject({ deleted: 1, hasMore: false });
    for (const id of ids) expect(await statusOf(id)).toBe("DELETED");
  });
});
