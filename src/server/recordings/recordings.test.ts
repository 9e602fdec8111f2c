// The recording lifecycle against a real database and a local store: start → ingest (from a real WAV on the
// switch's volume) → list/get → play ranges → delete; the ABSENT/FAILED paths; repeat and concurrent ingests;
// data keys created once per tenant even when asked for at the same time.
import { randomBytes } from "node:crypto";
import { access, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { deleteRecording } from "@/server/recordings/delete-recording";
import { failRecording } from "@/server/recordings/fail-recording";
import { findPendingRecordings } from "@/server/recordings/find-pending-recordings";
import { findRecordings } from "@/server/recordings/find-recordings";
import { getRecordingStore } from "@/server/recordings/get-recording-store";
import { getRecording } from "@/server/recordings/get-recording";
import { ingestRecording } from "@/server/recordings/ingest-recording";
import { readRecordingRange } from "@/server/recordings/read-recording-range";
import { parseRecordingHeader } from "@/server/recordings/recording-cipher";
import { setRecordingRetention } from "@/server/recordings/set-recording-retention";
import { startRecording } from "@/server/recordings/start-recording";
import { getActiveDataKey } from "@/server/recordings/tenant-data-key";
import { parseWavHeader } from "@/server/recordings/wav-header";
import { createTestTenant } from "@/test/factories";
import { createTestCall, createTestRecording, pcmWav, useTempRecordingDirs } from "@/test/recording-fixtures";

let dirs: { recordingsDir: string; switchDir: string };
beforeAll(async () => {
  dirs = await useTempRecordingDirs();
});

const exists = (file: string) => access(file).then(() => true, () => false);

async function media(actor: Parameters<typeof readRecordingRange>[0], id: string, range: string | null) {
  const res = await readRecordingRange(actor, id, range);
  return { ...res, bytes: res.body ? await buffer(res.body) : null };
}

describe("ingestRecording", () => {
  it("measures the WAV, stores it encrypted, completes the recording, emits recording.completed and removes the switch copy", async () => {
    const { actor, tenant } = await createTestTenant();
    const wav = pcmWav({ seconds: 7.2, channels: 2 });
    const { recording, switchPath, callId } = await createTestRecording(tenant.id, { wav });
    expect(recording).toMatchObject({ status: "COMPLETED", channels: 2, durationSeconds: 7, sizeBytes: wav.length, contentType: "audio/wav", callId });
    expect(recording.id).toMatch(/^RE[0-9a-f]{32}$/);
    expect(await exists(switchPath)).toBe(false);

    const row = await db.recording.findUniqueOrThrow({ where: { id: recording.id } });
    expect(row).toMatchObject({ storage: "local", completedAt: expect.any(Date) });
    expect((row.events as { status: string }[]).map((e) => e.status)).toEqual(["in_progress", "completed"]);
    const stored = await buffer(await getRecordingStore("local").getRange(row.storageKey!, 0, 200));
    expect(stored.includes(Buffer.from("RIFF"))).toBe(false);
    expect(parseRecordingHeader(stored).keyId).toBe(row.dataKeyId);
    const dataKey = await db.tenantDataKey.findUniqueOrThrow({ where: { id: row.dataKeyId! } });
    expect(dataKey).toMatchObject({ tenantId: tenant.id, purpose: "recordings" });
    expect(dataKey.wrappedKey).toMatch(/^v1\./);

    const event = await db.webhookEvent.findFirstOrThrow({ where: { tenantId: tenant.id, type: "recording.completed" } });
    expect(event.payload).toEqual({
      recording: expect.objectContaining({
        id: recording.id,
        call_id: callId,
        status: "completed",
        duration_seconds: 7,
        channels: 2,
        size_bytes: wav.length,
        media_url: expect.stringMatching(new RegExp(`/api/v1/recordings/${recording.id}/media$`)),
      }),
    });

    const whole = await media(actor, recording.id, null);
    expect(whole.status).toBe(200);
    expect(whole.bytes!.equals(wav)).toBe(true);
    expect(parseWavHeader(whole.bytes!, whole.bytes!.length)).toMatchObject({ channels: 2, sampleRate: 8000 });
  });

  it("is idempotent: a second ingest returns the completed recording and emits nothing more", async () => {
    const { tenant } = await createTestTenant();
    const { recording, switchPath } = await createTestRecording(tenant.id);
    await writeFile(switchPath, pcmWav({ seconds: 1 })); // even if a file reappears
    const again = await ingestRecording({ recordingId: recording.id });
    expect(again).toEqual(recording);
    expect(await db.webhookEvent.count({ where: { tenantId: tenant.id, type: "recording.completed" } })).toBe(1);
  });

  it("lets exactly one of two concurrent ingests complete it; the other's copy is removed", async () => {
    const { tenant } = await createTestTenant();
    const call = await createTestCall(tenant.id);
    const switchPath = path.join(dirs.switchDir, tenant.id, `${call.id}.wav`);
    await mkdir(path.dirname(switchPath), { recursive: true });
    const wav = pcmWav({ seconds: 20 });
    await writeFile(switchPath, wav);
    const started = await startRecording({ tenantId: tenant.id, callId: call.id, channels: 1, switchPath });
    const results = await Promise.allSettled([ingestRecording({ recordingId: started.id }), ingestRecording({ recordingId: started.id })]);
    // The loser may also find the file already gone; either way the recording completes once.
    expect(results.some((r) => r.status === "fulfilled" && r.value.status === "COMPLETED")).toBe(true);
    expect(await db.webhookEvent.count({ where: { tenantId: tenant.id, type: "recording.completed" } })).toBe(1);
    const row = await db.recording.findUniqueOrThrow({ where: { id: started.id } });
    expect(await readdir(path.join(dirs.recordingsDir, tenant.id))).toEqual([path.basename(row.storageKey!)]);
  });

  it("marks a missing file ABSENT, an empty or silent one ABSENT (removing it), and a broken WAV FAILED (keeping it)", async () => {
    const { tenant } = await createTestTenant();
    const call = await createTestCall(tenant.id);
    const dir = path.join(dirs.switchDir, tenant.id);
    await mkdir(dir, { recursive: true });
    const cases = [
      { name: "missing.wav", bytes: null, status: "ABSENT", message: /no recording file/, kept: false },
      { name: "empty.wav", bytes: Buffer.alloc(0), status: "ABSENT", message: /empty/, kept: false },
      { name: "silent.wav", bytes: pcmWav({ seconds: 0 }), status: "ABSENT", message: /no audio/, kept: false },
      { name: "broken.wav", bytes: randomBytes(500), status: "FAILED", message: /not a usable WAV/, kept: true },
    ] as const;
    for (const c of cases) {
      const file = path.join(dir, c.name);
      if (c.bytes) await writeFile(file, c.bytes);
      const started = await startRecording({ tenantId: tenant.id, callId: call.id, switchPath: file });
      const done = await ingestRecording({ recordingId: started.id });
      expect(done, c.name).toMatchObject({ status: c.status, errorMessage: expect.stringMatching(c.message) });
      expect(await exists(file), c.name).toBe(c.kept);
    }
    expect(await db.webhookEvent.count({ where: { tenantId: tenant.id, type: "recording.completed" } })).toBe(0);
  });

  it("refuses a file outside the switch's recordings folder", async () => {
    const { tenant } = await createTestTenant();
    const call = await createTestCall(tenant.id);
    const started = await startRecording({ tenantId: tenant.id, callId: call.id, switchPath: "x.wav" });
    await expect(ingestRecording({ recordingId: started.id, filePath: "../../etc/passwd" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await db.recording.findUniqueOrThrow({ where: { id: started.id } })).status).toBe("IN_PROGRESS");
  });
});

describe("startRecording and failRecording", () => {
  it("starts once per call and file, only for the tenant's own call", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const call = await createTestCall(a.tenant.id);
    const first = await startRecording({ tenantId: a.tenant.id, callId: call.id, channels: 2, switchPath: "a.wav" });
    expect(first).toMatchObject({ status: "IN_PROGRESS", channels: 2, callId: call.id });
    expect(await startRecording({ tenantId: a.tenant.id, callId: call.id, channels: 2, switchPath: "a.wav" })).toEqual(first);
    await expect(startRecording({ tenantId: b.tenant.id, callId: call.id, switchPath: "a.wav" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const failed = await failRecording({ recordingId: first.id, errorMessage: "uuid_record: -ERR Cannot record" });
    expect(failed).toMatchObject({ status: "FAILED", errorMessage: "uuid_record: -ERR Cannot record" });
    expect(await ingestRecording({ recordingId: first.id })).toMatchObject({ status: "FAILED" });
  });
});

describe("findPendingRecordings", () => {
  it("lists recordings left IN_PROGRESS before a time, under the worker's folder, for its reconcile", async () => {
    const { tenant } = await createTestTenant();
    const call = await createTestCall(tenant.id);
    const mine = await startRecording({ tenantId: tenant.id, callId: call.id, switchPath: path.join(dirs.switchDir, "x", "a.wav") });
    const elsewhere = await startRecording({ tenantId: tenant.id, callId: call.id, switchPath: "/other-switch/b.wav" });
    const later = new Date(Date.now() + 60_000);
    const found = await findPendingRecordings({ startedBefore: later, switchPathPrefix: dirs.switchDir });
    expect(found.map((r) => r.id)).toContain(mine.id);
    expect(found.map((r) => r.id)).not.toContain(elsewhere.id);
    expect(await findPendingRecordings({ startedBefore: new Date(Date.now() - 60_000), switchPathPrefix: dirs.switchDir })).toEqual([]);
    // Reconciling: the file is gone, so ingest settles it.
    expect(await ingestRecording({ recordingId: mine.id })).toMatchObject({ status: "ABSENT" });
  });
});

describe("reading", () => {
  it("lists a tenant's recordings newest first, by call, and pages; another tenant's are not found", async () => {
    const { actor, tenant } = await createTestTenant();
    const other = await createTestTenant();
    const call = await createTestCall(tenant.id);
    const r1 = await createTestRecording(tenant.id, { callId: call.id });
    const r2 = await createTestRecording(tenant.id);
    const r3 = await createTestRecording(tenant.id, { callId: call.id });
    const all = await findRecordings(actor, {});
    expect(all.items.map((r) => r.id)).toEqual([r3.recording.id, r2.recording.id, r1.recording.id]);
    expect((await findRecordings(actor, { callId: call.id })).items.map((r) => r.id)).toEqual([r3.recording.id, r1.recording.id]);
    const page1 = await findRecordings(actor, { limit: 2 });
    expect(page1.hasMore).toBe(true);
    expect((await findRecordings(actor, { limit: 2, cursor: page1.nextCursor })).items.map((r) => r.id)).toEqual([r1.recording.id]);

    expect((await findRecordings(other.actor, {})).items).toEqual([]);
    await expect(getRecording(other.actor, { id: r1.recording.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readRecordingRange(other.actor, r1.recording.id, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findRecordings(other.actor, { cursor: r1.recording.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await getRecording(actor, { id: r1.recording.id })).toEqual(r1.recording);
  });

  it("serves byte ranges equal to the WAV's slices across chunk boundaries, and 416 past the end", async () => {
    const { actor, tenant } = await createTestTenant();
    const { recording, wav } = await createTestRecording(tenant.id, { wav: pcmWav({ seconds: 2.5, channels: 2 }), chunkSize: 4096 });
    const n = wav.length;
    const cases: [string, number, number][] = [
      ["bytes=0-0", 0, 0],
      ["bytes=0-43", 0, 43],
      ["bytes=4000-9000", 4000, 9000],
      ["bytes=4096-8191", 4096, 8191],
      [`bytes=${n - 10}-`, n - 10, n - 1],
      ["bytes=-100", n - 100, n - 1],
      [`bytes=10-${n + 1000}`, 10, n - 1],
      [`bytes=-${n + 5}`, 0, n - 1],
    ];
    for (let i = 0; i < 20; i++) {
      const from = Math.floor(Math.random() * n);
      const to = from + Math.floor(Math.random() * (n - from));
      cases.push([`bytes=${from}-${to}`, from, to]);
    }
    for (const [range, from, to] of cases) {
      const res = await media(actor, recording.id, range);
      expect(res.status, range).toBe(206);
      expect(res.headers["content-range"], range).toBe(`bytes ${from}-${to}/${n}`);
      expect(res.headers["content-length"], range).toBe(String(to - from + 1));
      expect(res.bytes!.equals(wav.subarray(from, to + 1)), range).toBe(true);
    }
    for (const range of [`bytes=${n}-`, `bytes=${n + 5}-${n + 10}`, "bytes=-0"]) {
      const res = await media(actor, recording.id, range);
      expect(res.status, range).toBe(416);
      expect(res.headers["content-range"]).toBe(`bytes */${n}`);
    }
    // Forms this server does not serve are ignored: the whole file.
    for (const range of ["bytes=0-1,5-9", "items=0-5", "bytes=9-2"]) expect((await media(actor, recording.id, range)).status, range).toBe(200);
  });

  it("keeps the media from agents, and serves it to supervisors and developers", async () => {
    const { tenant } = await createTestTenant();
    const { recording } = await createTestRecording(tenant.id);
    const as = (role: "AGENT" | "SUPERVISOR" | "DEVELOPER") => ({ tenantId: tenant.id, role, userId: "u", apiKeyId: null, impersonatorId: null });
    await expect(readRecordingRange(as("AGENT"), recording.id, null)).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const role of ["SUPERVISOR", "DEVELOPER"] as const) expect((await readRecordingRange(as(role), recording.id, "bytes=0-1")).status).toBe(206);
  });
});

describe("deleteRecording and retention settings", () => {
  it("lets admins delete: bytes gone, DELETED, audited, media not found; developers may not", async () => {
    const { actor, tenant } = await createTestTenant();
    const { recording } = await createTestRecording(tenant.id);
    const { storageKey } = await db.recording.findUniqueOrThrow({ where: { id: recording.id } });
    await expect(deleteRecording({ ...actor, role: "DEVELOPER" }, { id: recording.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const deleted = await deleteRecording({ ...actor, role: "ADMIN" }, { id: recording.id });
    expect(deleted).toMatchObject({ status: "DELETED", deletedAt: expect.any(Date) });
    expect(await getRecordingStore("local").size(storageKey!)).toBeNull();
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "recording.deleted", targetId: recording.id } })).toBe(1);
    await expect(readRecordingRange(actor, recording.id, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await deleteRecording(actor, { id: recording.id })).toMatchObject({ status: "DELETED" });
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "recording.deleted" } })).toBe(1);

    const other = await createTestTenant();
    const { recording: theirs } = await createTestRecording(other.tenant.id);
    await expect(deleteRecording(actor, { id: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sets the retention days (admins), audited; null keeps recordings forever", async () => {
    const { actor, tenant } = await createTestTenant();
    await expect(setRecordingRetention({ ...actor, role: "SUPERVISOR" }, { days: 30 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await setRecordingRetention(actor, { days: 30 })).toEqual({ retentionDays: 30 });
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).recordingRetentionDays).toBe(30);
    expect(await setRecordingRetention(actor, { days: null })).toEqual({ retentionDays: null });
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "recording.retention_changed" } })).toBe(2);
    await expect(setRecordingRetention(actor, { days: 0 })).rejects.toThrow();
  });
});

describe("tenant data keys", () => {
  it("creates one recordings key per tenant even when many ask at once, and caches it", async () => {
    const { tenant } = await createTestTenant();
    const keys = await Promise.all(Array.from({ length: 8 }, () => getActiveDataKey(tenant.id, "recordings")));
    expect(new Set(keys.map((k) => k.id)).size).toBe(1);
    expect(keys[0]!.key.length).toBe(32);
    expect(await db.tenantDataKey.count({ where: { tenantId: tenant.id } })).toBe(1);
    const other = await createTestTenant();
    expect((await getActiveDataKey(other.tenant.id, "recordings")).key.equals(keys[0]!.key)).toBe(false);
  });
});
