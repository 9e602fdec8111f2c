// The official twilio npm library against the Recordings, Account and IncomingPhoneNumbers resources the Call
// resource's subresource_uris point at (before: the site's HTML 404), served by the real route handlers.
import { randomInt } from "node:crypto";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTwilioCredentials } from "@/server/account/get-twilio-credentials";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { startAppRouteServer } from "@/test/app-route-server";
import { createTestTenant } from "@/test/factories";
import { createTestRecording, pcmWav, useTempRecordingDirs } from "@/test/recording-fixtures";

let server: Awaited<ReturnType<typeof startAppRouteServer>>;

class LocalRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.baseUrl) });
  }
}

async function account() {
  const t = await createTestTenant({ name: "Acme Voice" });
  const { accountSid, authToken } = await getTwilioCredentials(t.actor);
  return { ...t, accountSid, authToken, client: twilio(accountSid, authToken, { httpClient: new LocalRequestClient(server.baseUrl) }) };
}

const statusOf = (p: Promise<unknown>) => p.then(() => 200, (e: { status: number; code: number }) => `${e.status}/${e.code}`);

beforeAll(async () => {
  await useTempRecordingDirs();
  server = await startAppRouteServer("2010-04-01");
});
afterAll(() => server?.close());

describe("Twilio Recordings with the twilio library", () => {
  it("lists a call's and the account's recordings, fetches one, serves its audio as WAV, deletes it", async () => {
    const a = await account();
    const { recording, callId } = await createTestRecording(a.tenant.id, { wav: pcmWav({ seconds: 1 }) });
    const listed = await a.client.calls(callId).recordings.list();
    expect(listed.map((r) => r.sid)).toEqual([recording.id]);
    expect(listed[0]).toMatchObject({ callSid: callId, accountSid: a.accountSid, status: "completed", channels: expect.any(Number) });
    expect((await a.client.recordings.list()).map((r) => r.sid)).toEqual([recording.id]);
    const fetched = await a.client.recordings(recording.id).fetch();
    expect(fetched).toMatchObject({ sid: recording.id, uri: `/2010-04-01/Accounts/${a.accountSid}/Recordings/${recording.id}.json` });

    const auth = `Basic ${Buffer.from(`${a.accountSid}:${a.authToken}`).toString("base64")}`;
    const wav = await fetch(`${server.baseUrl}/2010-04-01/Accounts/${a.accountSid}/Recordings/${recording.id}.wav`, { headers: { Authorization: auth } });
    expect(wav.status).toBe(200);
    expect(wav.headers.get("content-type")).toBe("audio/wav");
    expect(Buffer.from(await wav.arrayBuffer()).subarray(0, 4).toString("latin1")).toBe("RIFF");
    const mp3 = await fetch(`${server.baseUrl}/2010-04-01/Accounts/${a.accountSid}/Recordings/${recording.id}.mp3`, { headers: { Authorization: auth } });
    expect(mp3.status).toBe(415);

    expect(await a.client.recordings(recording.id).remove()).toBe(true);
    expect(await statusOf(a.client.recordings(recording.id).fetch())).toBe("404/20404");
    expect(await a.client.recordings.list()).toEqual([]);
  });

  it("another account's recording is not found", async () => {
    const a = await account();
    const b = await account();
    const { recording, callId } = await createTestRecording(a.tenant.id, { wav: pcmWav({ seconds: 1 }) });
    expect(await statusOf(b.client.recordings(recording.id).fetch())).toBe("404/20404");
    expect(await statusOf(b.client.recordings(recording.id).remove())).toBe("404/20404");
    expect(await statusOf(b.client.calls(callId).recordings.list())).toBe("404/20404");
  });
});

describe("Twilio Account and IncomingPhoneNumbers with the twilio library", () => {
  it("fetches the caller's own account, and not another", async () => {
    const a = await account();
    const b = await account();
    expect(await a.client.api.v2010.accounts(a.accountSid).fetch()).toMatchObject({ sid: a.accountSid, friendlyName: "Acme Voice", status: "active" });
    expect(await statusOf(a.client.api.v2010.accounts(b.accountSid).fetch())).toBe("404/20404");
  });

  it("lists, fetches and updates incoming numbers' voice URL and status callback", async () => {
    const a = await account();
    const e164 = `+1415${randomInt(2_000_000, 9_999_999)}`;
    const id = newSid("PN");
    await db.phoneNumber.create({ data: { id, tenantId: a.tenant.id, e164, origin: "ASSIGNED" } });
    const listed = await a.client.incomingPhoneNumbers.list();
    expect(listed.map((n) => n.phoneNumber)).toEqual([e164]);
    expect(await a.client.incomingPhoneNumbers(id).fetch()).toMatchObject({ sid: id, phoneNumber: e164, capabilities: { voice: true } });
    const updated = await a.client.incomingPhoneNumbers(id).update({ voiceUrl: "https://example.com/answer", statusCallback: "https://example.com/status", voiceMethod: "GET" });
    expect(updated).toMatchObject({ voiceUrl: "https://example.com/answer", statusCallback: "https://example.com/status", voiceMethod: "GET" });
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { id } })).toMatchObject({ voiceUrl: "https://example.com/answer", statusCallbackUrl: "https://example.com/status" });
    expect(await statusOf(a.client.incomingPhoneNumbers(id).update({ voiceUrl: "not a url" }))).toBe("400/20001");
    const b = await account();
    expect(await statusOf(b.client.incomingPhoneNumbers(id).fetch())).toBe("404/20404");
    expect(await statusOf(b.client.incomingPhoneNumbers(id).update({ voiceUrl: "https://evil.example/x" }))).toBe("404/20404");
  });
});
