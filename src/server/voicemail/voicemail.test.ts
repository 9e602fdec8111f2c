// Voicemail against a real database and a local recording store: the irisx:voicemail application (greeting
// document; the record action saves the message, mails the recipients, queues voicemail.created; another tenant's
// box is 11200; an empty recording saves nothing), the boxes (create/update/delete, uploaded greeting played as
// recording:RE…), the inbox (list, read/unread, delete erases the audio) and the transcription hook.
import { access } from "node:fs/promises";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { purgeTenant } from "@/server/admin/purge-deleted-tenants";
import { db } from "@/server/db";
import { openRecordingAudio } from "@/server/recordings/open-recording-audio";
import { serveInternalApp } from "@/server/voice-apps/internal-apps";
import { createVoicemailBox } from "@/server/voicemail/create-voicemail-box";
import { deleteVoicemail } from "@/server/voicemail/delete-voicemail";
import { deleteVoicemailBox } from "@/server/voicemail/delete-voicemail-box";
import { findVoicemails } from "@/server/voicemail/find-voicemails";
import { markVoicemailRead } from "@/server/voicemail/mark-voicemail-read";
import { recordVoicemailTranscript } from "@/server/voicemail/record-voicemail-transcript";
import { removeVoicemailGreetingAudio } from "@/server/voicemail/remove-voicemail-greeting-audio";
import { setVoicemailGreetingAudio } from "@/server/voicemail/set-voicemail-greeting-audio";
import { updateVoicemailBox } from "@/server/voicemail/update-voicemail-box";
import { DEFAULT_GREETING } from "@/server/voicemail/voicemail-app";
import { createTestTenant } from "@/test/factories";
import { createTestRecording, pcmWav, useTempRecordingDirs } from "@/test/recording-fixtures";

beforeAll(async () => {
  await useTempRecordingDirs();
});

type Tenant = Awaited<ReturnType<typeof createTestTenant>>;

/** A recorded call of the tenant, and the record action's request for it, as the worker posts it. */
async function recordedCall(t: Tenant, seconds = 3) {
  const { recording, callId } = await createTestRecording(t.tenant.id, { wav: pcmWav({ seconds, channels: 1 }) });
  const params = { CallSid: callId, RecordingSid: recording.id, RecordingUrl: `https://irisx.test/recordings/${recording.id}`, RecordingDuration: String(seconds), From: "+14155550123", To: "+15005550006" };
  return { callId, recording, params };
}

/** The first verb of the document an application answered. */
async function firstVerb(answer: ReturnType<typeof serveInternalApp>) {
  const served = await answer;
  if (!served.ok) throw new Error(`expected a document, got ${served.code}: ${served.message}`);
  return served.document[0];
}

const serve = (t: Tenant, callId: string, url: string, params: Record<string, string> = {}) => serveInternalApp({ tenantId: t.tenant.id, callId, url, params });

describe("the irisx:voicemail application", () => {
  it("answers the greeting (the box's text, or the default) then a record whose action saves the message", async () => {
    const t = await createTestTenant();
    const box = await createVoicemailBox(t.actor, { name: "Sales", greetingText: "You reached Sales.", maxLengthSeconds: 90 });
    const { callId } = await recordedCall(t);
    const served = await serve(t, callId, `irisx:voicemail/${box.id}`);
    expect(served).toMatchObject({
      ok: true,
      document: [
        { say: "You reached Sales." },
        { record: true, action: `irisx:voicemail/${box.id}/saved`, maxLength: 90, playBeep: true, finishOnKey: "#" },
        { say: "No message was recorded. Goodbye." },
        { hangup: true },
      ],
    });
    await updateVoicemailBox(t.actor, { id: box.id, greetingText: null });
    expect(await firstVerb(serve(t, callId, `irisx:voicemail/${box.id}`))).toMatchObject({ say: DEFAULT_GREETING });
  });

  it("saves the message on the record action: unread, with caller and length; emails the recipients a portal link; queues voicemail.created; says goodbye", async () => {
    const t = await createTestTenant();
    const box = await createVoicemailBox(t.actor, { name: "Support", notifyEmails: ["Desk@Example.com"], userId: t.user.id });
    const { callId, recording, params } = await recordedCall(t, 4);
    const served = await serve(t, callId, `irisx:voicemail/${box.id}/saved`, params);
    expect(served).toEqual({ ok: true, document: [expect.objectContaining({ say: "Thank you. Goodbye." }), { hangup: true }] });

    const [message] = (await findVoicemails(t.actor, {})).items;
    expect(message).toMatchObject({ boxId: box.id, boxName: "Support", callId, recordingId: recording.id, from: "+14155550123", to: "+15005550006", durationSeconds: 4, readAt: null, audio: "ready", transcriptionStatus: "none" });

    const mails = await db.emailMessage.findMany({ where: { subject: { contains: "+14155550123" }, to: { in: ["desk@example.com", t.user.email.toLowerCase()] } } });
    expect(mails.map((m) => m.to).sort()).toEqual(["desk@example.com", t.user.email.toLowerCase()].sort());
    expect(mails[0]!.text).toContain(`/voicemail?message=${message!.id}`);
    expect(mails[0]!.text).not.toContain("/media");

    const events = await db.webhookEvent.findMany({ where: { tenantId: t.tenant.id, type: "voicemail.created" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ voicemail: { id: message!.id, box_id: box.id, recording_id: recording.id, duration_seconds: 4, read: false } });

    // The worker may post again (a retry): still one message, one event.
    await serve(t, callId, `irisx:voicemail/${box.id}/saved`, params);
    expect(await db.voicemail.count({ where: { tenantId: t.tenant.id } })).toBe(1);
    expect(await db.webhookEvent.count({ where: { tenantId: t.tenant.id, type: "voicemail.created" } })).toBe(1);
  });

  it("answers 11200 for another tenant's box, an unknown box or page, and saves nothing there", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const aBox = await createVoicemailBox(a.actor, { name: "A" });
    const { callId, params } = await recordedCall(b);
    expect(await serve(b, callId, `irisx:voicemail/${aBox.id}`)).toMatchObject({ ok: false, code: 11200 });
    expect(await serve(b, callId, `irisx:voicemail/${aBox.id}/saved`, params)).toMatchObject({ ok: false, code: 11200 });
    expect(await serve(b, callId, "irisx:voicemail/vmb_01jd8x3k6q2m4f7b9c0s5t1v2w")).toMatchObject({ ok: false, code: 11200 });
    const bBox = await createVoicemailBox(b.actor, { name: "B" });
    expect(await serve(b, callId, `irisx:voicemail/${bBox.id}/elsewhere`)).toMatchObject({ ok: false, code: 11200 });
    expect(await db.voicemail.count({ where: { boxId: aBox.id } })).toBe(0);
  });

  it("does not save an empty recording, nor one of another call", async () => {
    const t = await createTestTenant();
    const box = await createVoicemailBox(t.actor, { name: "Empty", notifyEmails: ["nobody@example.com"] });
    const { callId, params } = await recordedCall(t);
    const empty = await serve(t, callId, `irisx:voicemail/${box.id}/saved`, { ...params, RecordingDuration: "0" });
    expect(empty).toMatchObject({ ok: true, document: [{ say: "No message was recorded. Goodbye." }, { hangup: true }] });
    const other = await recordedCall(t);
    await serve(t, callId, `irisx:voicemail/${box.id}/saved`, { ...params, RecordingSid: other.recording.id });
    expect(await db.voicemail.count({ where: { boxId: box.id } })).toBe(0);
    expect(await db.emailMessage.count({ where: { to: "nobody@example.com" } })).toBe(0);
  });
});

describe("voicemail boxes", () => {
  it("plays an uploaded WAV greeting instead of the text (recording:RE…), decrypted from the store; removing it goes back to the text", async () => {
    const t = await createTestTenant();
    const box = await createVoicemailBox(t.actor, { name: "Greeting", greetingText: "Text greeting" });
    const wav = pcmWav({ seconds: 2, channels: 1 });
    const withAudio = await setVoicemailGreetingAudio(t.actor, { id: box.id, audioBase64: wav.toString("base64") });
    expect(withAudio.greetingAudio).toMatchObject({ id: expect.stringMatching(/^RE[0-9a-f]{32}$/), durationSeconds: 2 });
    const { callId } = await recordedCall(t);
    expect(await firstVerb(serve(t, callId, `irisx:voicemail/${box.id}`))).toEqual({ play: `recording:${withAudio.greetingAudio!.id}`, loop: 1 });
    expect(await buffer((await openRecordingAudio({ tenantId: t.tenant.id, recordingId: withAudio.greetingAudio!.id }))!)).toEqual(wav);
    const other = await createTestTenant();
    expect(await openRecordingAudio({ tenantId: other.tenant.id, recordingId: withAudio.greetingAudio!.id })).toBeNull();

    const back = await removeVoicemailGreetingAudio(t.actor, { id: box.id });
    expect(back.greetingAudio).toBeNull();
    expect(await openRecordingAudio({ tenantId: t.tenant.id, recordingId: withAudio.greetingAudio!.id })).toBeNull();
    expect(await firstVerb(serve(t, callId, `irisx:voicemail/${box.id}`))).toMatchObject({ say: "Text greeting" });
  });

  it("erases an uploaded greeting's stored bytes when the tenant is purged", async () => {
    const t = await createTestTenant();
    const box = await createVoicemailBox(t.actor, { name: "Purged" });
    const { greetingAudio } = await setVoicemailGreetingAudio(t.actor, { id: box.id, audioBase64: pcmWav({ seconds: 1 }).toString("base64") });
    const { storageKey } = await db.voicemailGreeting.findUniqueOrThrow({ where: { id: greetingAudio!.id } });
    const file = path.join(env.RECORDINGS_DIR, storageKey);
    await access(file);
    await db.tenant.update({ where: { id: t.tenant.id }, data: { deletionRequestedAt: new Date("2026-01-01T00:00:00Z"), purgeAfter: new Date("2026-01-31T00:00:00Z") } });
    expect(await purgeTenant(t.tenant.id, { now: new Date("2026-02-01T00:00:00Z") })).not.toBeNull();
    await expect(access(file)).rejects.toThrow();
    expect(await db.voicemailGreeting.count({ where: { id: greetingAudio!.id } })).toBe(0);
  });

  it("refuses an upload that is not a PCM WAV with audio, naming the field", async () => {
    const t = await createTestTenant();
    const box = await createVoicemailBox(t.actor, { name: "Bad upload" });
    await expect(setVoicemailGreetingAudio(t.actor, { id: box.id, audioBase64: Buffer.from("ID3 not a wav").toString("base64") })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fieldErrors: { audio: [expect.stringContaining("WAV")] } },
    });
    await expect(setVoicemailGreetingAudio(t.actor, { id: box.id, audioBase64: pcmWav({ seconds: 0 }).toString("base64") })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("validates fields, keeps owners to members, audits changes, and deletes only an empty box", async () => {
    const t = await createTestTenant();
    const stranger = await createTestTenant();
    await expect(createVoicemailBox(t.actor, { name: " " })).rejects.toThrow(/name is required/);
    await expect(createVoicemailBox(t.actor, { name: "x", maxLengthSeconds: 2 })).rejects.toThrow(/maxLengthSeconds must be at least 5/);
    await expect(createVoicemailBox(t.actor, { name: "x", notifyEmails: ["not-an-email"] })).rejects.toThrow(/not an email address/);
    await expect(createVoicemailBox(t.actor, { name: "x", userId: stranger.user.id })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(createVoicemailBox({ ...t.actor, role: "SUPERVISOR" }, { name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const box = await createVoicemailBox(t.actor, { name: "Keep" });
    const updated = await updateVoicemailBox(t.actor, { id: box.id, maxLengthSeconds: 30, transcribe: true });
    expect(updated).toMatchObject({ name: "Keep", maxLengthSeconds: 30, transcribe: true, url: `irisx:voicemail/${box.id}` });
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: t.tenant.id, action: "voicemail_box.updated" } });
    expect(audit).toMatchObject({ before: { maxLengthSeconds: 120, transcribe: false }, after: { maxLengthSeconds: 30, transcribe: true } });

    const { callId, params } = await recordedCall(t);
    await serve(t, callId, `irisx:voicemail/${box.id}/saved`, params);
    await expect(deleteVoicemailBox(t.actor, { id: box.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const [message] = (await findVoicemails(t.actor, { boxId: box.id })).items;
    await deleteVoicemail(t.actor, { id: message!.id });
    await deleteVoicemailBox(t.actor, { id: box.id });
    expect(await db.voicemailBox.count({ where: { id: box.id } })).toBe(0);
  });
});

describe("the inbox", () => {
  it("filters by box and unread, marks read and unread, and deleting erases the audio", async () => {
    const t = await createTestTenant();
    const one = await createVoicemailBox(t.actor, { name: "One" });
    const two = await createVoicemailBox(t.actor, { name: "Two" });
    const first = await recordedCall(t);
    const second = await recordedCall(t);
    await serve(t, first.callId, `irisx:voicemail/${one.id}/saved`, first.params);
    await serve(t, second.callId, `irisx:voicemail/${two.id}/saved`, second.params);
    expect((await findVoicemails(t.actor, {})).items.map((v) => v.boxName)).toEqual(["Two", "One"]);
    const [inOne] = (await findVoicemails(t.actor, { boxId: one.id })).items;

    const read = await markVoicemailRead(t.actor, { id: inOne!.id, read: true }, { now: new Date("2026-12-01T10:00:00Z") });
    expect(read.readAt).toEqual(new Date("2026-12-01T10:00:00Z"));
    expect((await markVoicemailRead(t.actor, { id: inOne!.id, read: true })).readAt).toEqual(new Date("2026-12-01T10:00:00Z"));
    expect((await findVoicemails(t.actor, { unreadOnly: true })).items.map((v) => v.boxName)).toEqual(["Two"]);
    expect((await markVoicemailRead(t.actor, { id: inOne!.id, read: false })).readAt).toBeNull();

    await expect(deleteVoicemail({ ...t.actor, role: "SUPERVISOR" }, { id: inOne!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteVoicemail(t.actor, { id: inOne!.id });
    expect((await findVoicemails(t.actor, {})).items.map((v) => v.boxName)).toEqual(["Two"]);
    expect(await db.recording.findUniqueOrThrow({ where: { id: first.recording.id } })).toMatchObject({ status: "DELETED", storageKey: null });
    expect(await db.auditLog.count({ where: { tenantId: t.tenant.id, action: "voicemail.deleted", targetId: inOne!.id } })).toBe(1);
  });
});

describe("recordVoicemailTranscript (the transcription hook)", () => {
  it("leaves messages of a transcribing box pending, stores the text once, keeps a given TranscriptionText", async () => {
    const t = await createTestTenant();
    const box = await createVoicemailBox(t.actor, { name: "Transcribed", transcribe: true });
    const call = await recordedCall(t);
    await serve(t, call.callId, `irisx:voicemail/${box.id}/saved`, call.params);
    const [pending] = (await findVoicemails(t.actor, {})).items;
    expect(pending).toMatchObject({ transcriptionStatus: "pending", transcript: null });
    expect(await recordVoicemailTranscript({ tenantId: t.tenant.id, voicemailId: pending!.id, transcript: " Please call me back. " })).toBe(true);
    expect(await recordVoicemailTranscript({ tenantId: t.tenant.id, voicemailId: pending!.id, failed: true })).toBe(false);
    expect((await findVoicemails(t.actor, {})).items[0]).toMatchObject({ transcriptionStatus: "completed", transcript: "Please call me back." });

    const given = await recordedCall(t);
    await serve(t, given.callId, `irisx:voicemail/${box.id}/saved`, { ...given.params, TranscriptionText: "Hello there" });
    expect((await findVoicemails(t.actor, {})).items[0]).toMatchObject({ transcriptionStatus: "completed", transcript: "Hello there" });
  });
});
