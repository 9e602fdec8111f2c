// /api/v1/voicemail-boxes, /api/v1/voicemails and /api/v1/alerts through the App Router handlers: boxes created,
// changed and deleted with fields named on a 400; a message listed, marked read and deleted; alerts filtered; scopes.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { recordCallEvent } from "@/server/calls/record-call-event";
import { serveInternalApp } from "@/server/voice-apps/internal-apps";
import { createTestTenant } from "@/test/factories";
import { createTestRecording, pcmWav, useTempRecordingDirs } from "@/test/recording-fixtures";
import { GET as listAlerts } from "@/app/api/v1/alerts/route";
import { GET as listBoxes, POST as createBox } from "@/app/api/v1/voicemail-boxes/route";
import { DELETE as deleteBox, GET as getBox, PATCH as updateBox } from "@/app/api/v1/voicemail-boxes/[id]/route";
import { GET as listVoicemails } from "@/app/api/v1/voicemails/route";
import { DELETE as deleteVoicemail, GET as getVoicemail, PATCH as updateVoicemail } from "@/app/api/v1/voicemails/[id]/route";

const BASE = "http://localhost:3000";
type Json = Record<string, unknown> & { data?: Record<string, unknown>[]; error?: { code: string; message: string; details: unknown } };

function req(url: string, auth: string, init: { method?: string; body?: object } = {}) {
  return new Request(`${BASE}${url}`, {
    method: init.method ?? "GET",
    headers: { authorization: auth, ...(init.body ? { "content-type": "application/json" } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const json = async (r: Response | Promise<Response>) => {
  const res = await r;
  return { status: res.status, body: (await res.json()) as Json };
};

let t: Awaited<ReturnType<typeof createTestTenant>>;
let auth: string;
beforeAll(async () => {
  await useTempRecordingDirs();
  t = await createTestTenant();
  auth = `Bearer ${(await createApiKey(t.actor, { name: "vm", scopes: ["voicemail:read", "voicemail:write", "calls:read"] })).bearerToken}`;
});

describe("voicemail boxes", () => {
  it("creates (201), reads, changes and deletes a box; a bad field is a 400 naming it", async () => {
    const bad = await json(createBox(req("/api/v1/voicemail-boxes", auth, { method: "POST", body: { name: "Sales", max_length_seconds: 1 } })));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain("max_length_seconds");

    const created = await json(createBox(req("/api/v1/voicemail-boxes", auth, { method: "POST", body: { name: "Sales", greeting_text: "Hi", notify_emails: ["a@example.com"], user_id: t.user.id } })));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ name: "Sales", user_id: t.user.id, greeting_text: "Hi", greeting_audio_id: null, max_length_seconds: 120, transcribe: false, notify_emails: ["a@example.com"], url: `irisx:voicemail/${id}` });

    const changed = await json(updateBox(req(`/api/v1/voicemail-boxes/${id}`, auth, { method: "PATCH", body: { max_length_seconds: 60, user_id: null } }), params(id)));
    expect(changed.body).toMatchObject({ max_length_seconds: 60, user_id: null, greeting_text: "Hi" });
    expect((await json(getBox(req(`/api/v1/voicemail-boxes/${id}`, auth), params(id)))).body.name).toBe("Sales");
    expect((await json(listBoxes(req("/api/v1/voicemail-boxes", auth)))).body.data?.map((b) => b.id)).toContain(id);
    expect((await json(deleteBox(req(`/api/v1/voicemail-boxes/${id}`, auth, { method: "DELETE" }), params(id)))).status).toBe(200);
    expect((await json(getBox(req(`/api/v1/voicemail-boxes/${id}`, auth), params(id)))).status).toBe(404);
  });

  it("needs the voicemail scopes", async () => {
    const readOnly = `Bearer ${(await createApiKey(t.actor, { name: "ro", scopes: ["voicemail:read"] })).bearerToken}`;
    expect((await createBox(req("/api/v1/voicemail-boxes", readOnly, { method: "POST", body: { name: "x" } }))).status).toBe(403);
    const none = `Bearer ${(await createApiKey(t.actor, { name: "none", scopes: ["calls:read"] })).bearerToken}`;
    expect((await listVoicemails(req("/api/v1/voicemails", none))).status).toBe(403);
  });
});

describe("voicemails and alerts", () => {
  it("lists a message (filter by box, unread), marks it read, deletes it; alerts filter by code and call", async () => {
    const box = await json(createBox(req("/api/v1/voicemail-boxes", auth, { method: "POST", body: { name: "Inbox" } })));
    const boxId = box.body.id as string;
    const { recording, callId } = await createTestRecording(t.tenant.id, { wav: pcmWav({ seconds: 2, channels: 1 }) });
    await serveInternalApp({ tenantId: t.tenant.id, callId, url: `irisx:voicemail/${boxId}/saved`, params: { RecordingSid: recording.id, RecordingDuration: "2", From: "+14155550123" } });

    const list = await json(listVoicemails(req(`/api/v1/voicemails?box_id=${boxId}&unread=true`, auth)));
    expect(list.body.data).toHaveLength(1);
    const message = list.body.data![0]!;
    expect(message).toMatchObject({ box_id: boxId, call_id: callId, recording_id: recording.id, from: "+14155550123", duration_seconds: 2, read: false, transcription_status: "none" });
    expect(message.media_url).toMatch(new RegExp(`/api/v1/recordings/${recording.id}/media$`));
    const id = message.id as string;

    const read = await json(updateVoicemail(req(`/api/v1/voicemails/${id}`, auth, { method: "PATCH", body: { read: true } }), params(id)));
    expect(read.body).toMatchObject({ read: true, read_at: expect.any(String) });
    expect((await json(listVoicemails(req(`/api/v1/voicemails?unread=true`, auth)))).body.data).toEqual([]);
    expect((await json(getVoicemail(req(`/api/v1/voicemails/${id}`, auth), params(id)))).body.id).toBe(id);
    expect((await json(deleteBox(req(`/api/v1/voicemail-boxes/${boxId}`, auth, { method: "DELETE" }), params(boxId)))).status).toBe(409);
    expect((await json(deleteVoicemail(req(`/api/v1/voicemails/${id}`, auth, { method: "DELETE" }), params(id)))).status).toBe(200);
    expect((await json(getVoicemail(req(`/api/v1/voicemails/${id}`, auth), params(id)))).status).toBe(404);

    await recordCallEvent({ callId, type: "debugger.error", at: new Date(), data: { code: 11205, message: "timed out", url: "https://example.com/x", source: "timeout" } });
    const alerts = await json(listAlerts(req(`/api/v1/alerts?error_code=11205&call_sid=${callId}`, auth)));
    expect(alerts.body.data).toEqual([
      expect.objectContaining({ call_sid: callId, error_code: 11205, alert_text: "timed out", more_info: "https://www.twilio.com/docs/api/errors/11205", source: "timeout", request_url: "https://example.com/x" }),
    ]);
    const badDate = await json(listAlerts(req("/api/v1/alerts?start_date=yesterday", auth)));
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.body.error)).toContain("start_date");
  });
});
