// The official twilio npm library against the Recordings, Account and IncomingPhoneNumbers resources the Call
// resource's subresource_uris point at (before: the site's HTML 404), served by the real route handlers.
import { randomInt } from "node:crypto";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { buffer } from "node:stream/consumers";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTwilioNumbersStandIn } from "@/test/number-provider-stand-ins";
import { wavToMp3 } from "@/server/recordings/wav-to-mp3";
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
  it("wav-to-mp3 keeps the duration and the format of mono and stereo, and refuses what is not 16-bit PCM", async () => {
    for (const [channels, sampleRate] of [[1, 8000], [2, 8000], [1, 16000]] as const) {
      const mp3 = await buffer(Readable.from([pcmWav({ seconds: 3, channels, sampleRate })]).pipe(wavToMp3()));
      expectDuration(mp3Duration(mp3), 3);
      expect(mp3Frames(mp3)[0]).toMatchObject({ sampleRate, channels });
    }
    const notPcm = pcmWav({ seconds: 1 });
    notPcm.writeUInt16LE(24, 34); // bits per sample
    await expect(buffer(Readable.from([notPcm]).pipe(wavToMp3()))).rejects.toThrow(/16-bit PCM/);
  });

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
    expect(mp3.status).toBe(200);
    expect(mp3.headers.get("content-type")).toBe("audio/mpeg");
    expectDuration(mp3Duration(Buffer.from(await mp3.arrayBuffer())), 1);

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

  it("lists, fetches, renames and deletes verified caller IDs as OutgoingCallerIds; a pending one is not there", async () => {
    const a = await account();
    const verified = newSid("CI");
    const pending = newSid("CI");
    const e164 = `+1415${randomInt(2_000_000, 9_999_999)}`;
    await db.callerId.create({ data: { id: verified, tenantId: a.tenant.id, e164, friendlyName: "Head office", verifiedAt: new Date() } });
    await db.callerId.create({ data: { id: pending, tenantId: a.tenant.id, e164: `+1415${randomInt(2_000_000, 9_999_999)}`, codeHash: "0".repeat(64), codeExpiresAt: new Date(Date.now() + 60_000) } });
    const listed = await a.client.outgoingCallerIds.list();
    expect(listed.map((c) => c.sid)).toEqual([verified]);
    expect(listed[0]).toMatchObject({ phoneNumber: e164, friendlyName: "Head office", accountSid: a.accountSid });
    expect((await a.client.outgoingCallerIds.list({ phoneNumber: e164 })).map((c) => c.sid)).toEqual([verified]);
    expect(await statusOf(a.client.outgoingCallerIds(pending).fetch())).toBe("404/20404");
    expect(await a.client.outgoingCallerIds(verified).update({ friendlyName: "Front desk" })).toMatchObject({ friendlyName: "Front desk" });
    const b = await account();
    expect(await statusOf(b.client.outgoingCallerIds(verified).fetch())).toBe("404/20404");
    expect(await statusOf(b.client.outgoingCallerIds(verified).remove())).toBe("404/20404");
    expect(await a.client.outgoingCallerIds(verified).remove()).toBe(true);
    expect(await db.callerId.count({ where: { id: verified } })).toBe(0);
  });

  it("searches AvailablePhoneNumbers, buys one with IncomingPhoneNumbers.create, and releases it with remove", async () => {
    const standIn = await startTwilioNumbersStandIn();
    for (const [k, v] of Object.entries(standIn.env)) vi.stubEnv(k, v);
    try {
      const a = await account();
      const offered = await a.client.availablePhoneNumbers("US").local.list({ areaCode: 303, limit: 3 });
      expect(offered).toHaveLength(3);
      expect(offered[0]).toMatchObject({ phoneNumber: expect.stringMatching(/^\+1303555\d{4}$/) as unknown, isoCountry: "US", capabilities: { voice: true } });
      const bought = await a.client.incomingPhoneNumbers.create({ phoneNumber: offered[0]!.phoneNumber, voiceUrl: "https://example.com/answer", friendlyName: "Denver" });
      expect(bought).toMatchObject({ phoneNumber: offered[0]!.phoneNumber, voiceUrl: "https://example.com/answer", friendlyName: "Denver", origin: "twilio", status: "in-use" });
      expect(bought.sid).toMatch(/^PN[0-9a-f]{32}$/);
      expect(standIn.inventory.sold.has(offered[0]!.phoneNumber)).toBe(true);

      // Another account asking for it hears "not available", as on Twilio, and whose it is stays unsaid.
      const b = await account();
      const err = (await b.client.incomingPhoneNumbers.create({ phoneNumber: offered[0]!.phoneNumber }).catch((e: unknown) => e)) as { status: number; code: number; message: string };
      expect(err).toMatchObject({ status: 400, code: 21422 });
      expect(err.message).not.toContain(a.tenant.id);
      expect(await statusOf(b.client.incomingPhoneNumbers.create({} as never))).toBe("400/21421");
      expect(await statusOf(b.client.incomingPhoneNumbers(bought.sid).remove())).toBe("404/20404");
      expect(await statusOf(a.client.availablePhoneNumbers("US").local.list({ areaCode: "4x5" as never }))).toMatch(/^400\//);

      expect(await a.client.incomingPhoneNumbers(bought.sid).remove()).toBe(true);
      expect(standIn.inventory.sold.has(offered[0]!.phoneNumber)).toBe(false);
      expect(await a.client.incomingPhoneNumbers.list()).toEqual([]);
      expect(standIn.malformed).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      await standIn.close();
    }
  });
});

/** The MPEG audio frames of an MP3 (layer III), walked by their headers: each frame's rate and channels. */
function mp3Frames(mp3: Buffer): { sampleRate: number; channels: number; samples: number }[] {
  const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
  const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
  const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };
  const frames: { sampleRate: number; channels: number; samples: number }[] = [];
  let i = 0;
  while (i + 4 <= mp3.length) {
    if (mp3[i] !== 0xff || (mp3[i + 1]! & 0xe0) !== 0xe0) throw new Error(`no frame sync at byte ${i}`);
    const version = (mp3[i + 1]! >> 3) & 3;
    const bitrate = (version === 3 ? BITRATES_V1 : BITRATES_V2)[(mp3[i + 2]! >> 4) & 15]!;
    const sampleRate = RATES[version]![(mp3[i + 2]! >> 2) & 3]!;
    const padding = (mp3[i + 2]! >> 1) & 1;
    const channels = (mp3[i + 3]! >> 6) === 3 ? 1 : 2;
    const v1 = version === 3;
    frames.push({ sampleRate, channels, samples: v1 ? 1152 : 576 });
    i += Math.floor(((v1 ? 144 : 72) * bitrate * 1000) / sampleRate) + padding;
  }
  return frames;
}

function mp3Duration(mp3: Buffer): number {
  return mp3Frames(mp3).reduce((s, f) => s + f.samples / f.sampleRate, 0);
}

/** LAME adds its encoder delay and pads the last frame: an MP3 runs up to a few frames longer than its WAV. */
function expectDuration(actual: number, seconds: number): void {
  expect(actual).toBeGreaterThanOrEqual(seconds);
  expect(actual).toBeLessThan(seconds + 0.25);
}
