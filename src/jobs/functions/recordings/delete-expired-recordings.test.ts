// The daily retention run: batches until none remain, with "now" taken from the scheduled event.
import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteExpiredRecordingsCron } from "@/jobs/functions/recordings/delete-expired-recordings";
import { db } from "@/server/db";
import { createTestTenant } from "@/test/factories";
import { createTestRecording, useTempRecordingDirs } from "@/test/recording-fixtures";

const DAY = 86_400_000;

beforeAll(async () => {
  await useTempRecordingDirs();
});

describe("delete-expired-recordings", () => {
  it("deletes what the tenants' retention says is expired at the scheduled time", async () => {
    const { tenant } = await createTestTenant();
    await db.tenant.update({ where: { id: tenant.id }, data: { recordingRetentionDays: 7 } });
    const scheduledAt = Date.parse("2026-11-25T03:30:00Z");
    const expired = await createTestRecording(tenant.id);
    const kept = await createTestRecording(tenant.id);
    await db.recording.update({ where: { id: expired.recording.id }, data: { createdAt: new Date(scheduledAt - 8 * DAY) } });
    await db.recording.update({ where: { id: kept.recording.id }, data: { createdAt: new Date(scheduledAt - 6 * DAY) } });

    const t = new InngestTestEngine({ function: deleteExpiredRecordingsCron });
    const { result, ctx } = await t.execute({ events: [{ name: "inngest/scheduled.timer", data: {}, ts: scheduledAt }] });
    expect(result).toEqual({ deleted: 1, failed: 0 });
    expect(ctx.step.run).toHaveBeenCalledWith("delete-batch-0", expect.any(Function));
    expect((await db.recording.findUniqueOrThrow({ where: { id: expired.recording.id } })).status).toBe("DELETED");
    expect((await db.recording.findUniqueOrThrow({ where: { id: kept.recording.id } })).status).toBe("COMPLETED");

    const again = await new InngestTestEngine({ function: deleteExpiredRecordingsCron }).execute({ events: [{ name: "inngest/scheduled.timer", data: {}, ts: scheduledAt }] });
    expect(again.result).toEqual({ deleted: 0, failed: 0 });
  });
});
