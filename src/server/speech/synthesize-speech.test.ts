import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { readPcmWav } from "@/server/speech/speech-audio";
import { setSpeechKey } from "@/server/speech/set-speech-key";
import { synthesizeSpeech } from "@/server/speech/synthesize-speech";
import { updateSpeechSettings } from "@/server/speech/update-speech-settings";
import type { Actor } from "@/server/tenancy";
import { createTestTenant } from "@/test/factories";
import { startElevenLabsStandIn } from "@/test/speech-standins/elevenlabs-stand-in";
import { startGoogleStandIn } from "@/test/speech-standins/google-stand-in";
import { startOpenAiStandIn } from "@/test/speech-standins/openai-stand-in";
import { startPollyStandIn } from "@/test/speech-standins/polly-stand-in";
import type { RecordedRequest, StandIn } from "@/test/speech-standins/stand-in-server";

let openai: Awaited<ReturnType<typeof startOpenAiStandIn>>;
let elevenlabs: Awaited<ReturnType<typeof startElevenLabsStandIn>>;
let google: Awaited<ReturnType<typeof startGoogleStandIn>>;
let polly: Awaited<ReturnType<typeof startPollyStandIn>>;
let mediaDir: string;
let tenantId: string;
let actor: Actor;

beforeAll(async () => {
  [openai, elevenlabs, google, polly] = await Promise.all([startOpenAiStandIn(), startElevenLabsStandIn(), startGoogleStandIn(), startPollyStandIn()]);
});
afterAll(async () => {
  await Promise.all([openai, elevenlabs, google, polly].map((s) => s.close()));
});

beforeEach(async () => {
  vi.stubEnv("SPEECH_OPENAI_API_KEY", openai.apiKey);
  vi.stubEnv("SPEECH_OPENAI_BASE_URL", openai.baseUrl);
  vi.stubEnv("SPEECH_ELEVENLABS_API_KEY", elevenlabs.apiKey);
  vi.stubEnv("SPEECH_ELEVENLABS_BASE_URL", elevenlabs.baseUrl);
  vi.stubEnv("SPEECH_GOOGLE_API_KEY", google.apiKey);
  vi.stubEnv("SPEECH_GOOGLE_TTS_BASE_URL", google.baseUrl);
  vi.stubEnv("SPEECH_POLLY_ACCESS_KEY_ID", polly.credentials.accessKeyId);
  vi.stubEnv("SPEECH_POLLY_SECRET_ACCESS_KEY", polly.credentials.secretAccessKey);
  vi.stubEnv("SPEECH_POLLY_REGION", polly.region);
  vi.stubEnv("SPEECH_POLLY_BASE_URL", polly.baseUrl);
  vi.stubEnv("SPEECH_REQUEST_TIMEOUT_MS", "1500");
  // A fresh media folder per test: the cache's size index is per folder.
  mediaDir = await mkdtemp(path.join(tmpdir(), "irisx-tts-"));
  ({ actor } = await createTestTenant());
  tenantId = actor.tenantId;
});
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const s of [openai, elevenlabs, google, polly]) expect(s.violations, "requests the stand-in refused as malformed").toEqual([]);
  await rm(mediaDir, { recursive: true, force: true });
});

const say = (voice: string | null, text = "Thanks for calling IRISX.", language = "en-US") => synthesizeSpeech({ tenantId, text, voice, language, mediaDir });
const lastJson = (s: StandIn) => JSON.parse(s.requests.at(-1)!.body.toString()) as Record<string, unknown>;

async function expectPlayableFile(result: Awaited<ReturnType<typeof say>>) {
  if (!result.ok || result.engine !== "file") throw new Error(`expected a file, got ${JSON.stringify(result)}`);
  expect(path.isAbsolute(result.file)).toBe(true);
  expect(result.file.startsWith(path.resolve(mediaDir))).toBe(true);
  const { sampleRate, samples } = readPcmWav(await readFile(result.file));
  expect([8000, 16000]).toContain(sampleRate);
  expect(samples.length).toBeGreaterThan(sampleRate / 10);
  expect(samples.some((s) => Math.abs(s) > 1000)).toBe(true);
  return result;
}

describe("flite", () => {
  it.each([null, "man", "woman", "alice", "Alice"])("speaks %s with flite, asking no provider", async (voice) => {
    const asked = () => [openai, elevenlabs, google, polly].reduce((n, s) => n + s.requests.length, 0);
    const before = asked();
    expect(await say(voice)).toEqual({ ok: true, engine: "flite" });
    expect(asked()).toBe(before);
  });
});

describe.each([
  {
    name: "OpenAI",
    voice: "openai.alloy",
    standIn: () => openai,
    own: async () => {
      const own = await startOpenAiStandIn({ apiKey: "sk-tenant-own-openai" });
      return { own, env: { SPEECH_OPENAI_BASE_URL: own.baseUrl }, key: { provider: "openai" as const, apiKey: own.apiKey }, sent: (r: RecordedRequest) => r.headers.authorization, expected: `Bearer ${own.apiKey}` };
    },
    shape: (s: StandIn) => {
      const req = s.requests.at(-1)!;
      expect(req.path).toBe("/v1/audio/speech");
      expect(req.headers.authorization).toBe(`Bearer ${openai.apiKey}`);
      expect(lastJson(s)).toEqual({ model: "gpt-4o-mini-tts", input: "Thanks for calling IRISX.", voice: "alloy", response_format: "pcm" });
    },
  },
  {
    name: "ElevenLabs",
    voice: "elevenlabs.21m00Tcm4TlvDq8ikWAM",
    standIn: () => elevenlabs,
    own: async () => {
      const own = await startElevenLabsStandIn({ apiKey: "xi-tenant-own-key" });
      return { own, env: { SPEECH_ELEVENLABS_BASE_URL: own.baseUrl }, key: { provider: "elevenlabs" as const, apiKey: own.apiKey }, sent: (r: RecordedRequest) => r.headers["xi-api-key"], expected: own.apiKey };
    },
    shape: (s: StandIn) => {
      const req = s.requests.at(-1)!;
      expect(req.path).toBe("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM");
      expect(req.query.get("output_format")).toBe("pcm_16000");
      expect(req.headers["xi-api-key"]).toBe(elevenlabs.apiKey);
      expect(lastJson(s)).toEqual({ text: "Thanks for calling IRISX.", model_id: "eleven_multilingual_v2" });
    },
  },
  {
    name: "Google",
    voice: "Google.en-US-Standard-C",
    standIn: () => google,
    own: async () => {
      const own = await startGoogleStandIn({ apiKey: "AIza-tenant-own-key" });
      return { own, env: { SPEECH_GOOGLE_TTS_BASE_URL: own.baseUrl }, key: { provider: "google" as const, apiKey: own.apiKey }, sent: (r: RecordedRequest) => r.headers["x-goog-api-key"], expected: own.apiKey };
    },
    shape: (s: StandIn) => {
      const req = s.requests.at(-1)!;
      expect(req.path).toBe("/v1/text:synthesize");
      expect(req.headers["x-goog-api-key"]).toBe(google.apiKey);
      expect(req.query.get("key")).toBeNull(); // the key stays out of URLs
      expect(lastJson(s)).toEqual({
        input: { text: "Thanks for calling IRISX." },
        voice: { languageCode: "en-US", name: "en-US-Standard-C" },
        audioConfig: { audioEncoding: "LINEAR16", sampleRateHertz: 16000 },
      });
    },
  },
  {
    name: "Polly",
    voice: "Polly.Joanna-Neural",
    standIn: () => polly,
    own: async () => {
      const own = await startPollyStandIn({ region: "ap-southeast-2" });
      const key = { provider: "polly" as const, ...own.credentials, region: own.region };
      return { own, env: { SPEECH_POLLY_BASE_URL: own.baseUrl }, key, sent: (r: RecordedRequest) => /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(String(r.headers.authorization))?.slice(1).join(" in "), expected: `${own.credentials.accessKeyId} in ${own.region}` };
    },
    shape: (s: StandIn) => {
      const req = s.requests.at(-1)!;
      expect(req.path).toBe("/v1/speech");
      expect(String(req.headers.authorization)).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${polly.credentials.accessKeyId}/\\d{8}/${polly.region}/polly/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$`));
      expect(lastJson(s)).toEqual({ Engine: "neural", OutputFormat: "pcm", SampleRate: "16000", Text: "Thanks for calling IRISX.", TextType: "text", VoiceId: "Joanna" });
    },
  },
])("$name", ({ voice, standIn, shape, own: startOwn }) => {
  it("uses the tenant's own key over the platform's", async () => {
    const { own, env, key, sent, expected } = await startOwn();
    try {
      for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
      await setSpeechKey(actor, key);
      await expectPlayableFile(await say(voice));
      expect(own.requests).toHaveLength(1);
      expect(sent(own.requests[0]!)).toBe(expected);
      expect(own.violations).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it("synthesizes into a playable WAV under the media folder, with the documented request", async () => {
    const before = standIn().requests.length;
    const result = await expectPlayableFile(await say(voice));
    expect(result.cached).toBe(false);
    expect(standIn().requests.length).toBe(before + 1);
    shape(standIn());
  });

  it("plays the second identical <Say> from the cache without asking the provider", async () => {
    const first = await expectPlayableFile(await say(voice));
    const count = standIn().requests.length;
    const second = await expectPlayableFile(await say(voice));
    expect(second).toEqual({ ...first, cached: true });
    expect(standIn().requests.length).toBe(count);
    // A different sentence, language or voice is a different file.
    await expectPlayableFile(await say(voice, "Goodbye."));
    expect(standIn().requests.length).toBe(count + 1);
  });

  it.each([
    [400, 13511],
    [401, 20503],
    [429, 20429],
    [500, 20503],
    [503, 20503],
  ])("maps the provider's HTTP %i to Twilio's %i with its message", async (status, code) => {
    standIn().failNext(status, `the provider says ${status}`);
    const result = await say(voice);
    expect(result).toMatchObject({ ok: false, code });
    if (result.ok) return;
    expect(result.message).toContain(`HTTP ${status}: the provider says ${status}`);
    // A failure is not cached: the next <Say> asks again and succeeds.
    await expectPlayableFile(await say(voice));
  });

  it("gives up after SPEECH_REQUEST_TIMEOUT_MS with 20503", async () => {
    // A provider that would answer after 30 s: the 1.5 s timeout ends the wait long before (a loaded machine took 7 s).
    standIn().stallNext(30_000);
    const started = Date.now();
    const result = await say(voice);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({ ok: false, code: 20503, message: expect.stringContaining("did not answer within 1.5 s") });
  });
});

describe("voices, text and keys", () => {
  it("refuses unknown voices with 13511, empty text with 13520 and text past the engine's limit with 13521", async () => {
    expect(await say("Robot.Marvin")).toMatchObject({ ok: false, code: 13511, message: expect.stringContaining("Robot.Marvin") });
    expect(await say("Polly.joanna")).toMatchObject({ ok: false, code: 13511 });
    expect(await say("Polly.Joanna-Turbo")).toMatchObject({ ok: false, code: 13511 });
    expect(await say("Polly.Joanna", "   ")).toMatchObject({ ok: false, code: 13520 });
    expect(await say("Polly.Joanna", "a".repeat(3001))).toMatchObject({ ok: false, code: 13521, message: expect.stringContaining("Polly.Joanna takes at most 3000") });
    expect(await say("man", "a".repeat(4097))).toMatchObject({ ok: false, code: 13521 });
    expect(await say("Google.en-US-Standard-C", "a".repeat(4097))).toMatchObject({ ok: true });
  });

  it("says a provider has no key with 13511 and where to add one", async () => {
    vi.stubEnv("SPEECH_ELEVENLABS_API_KEY", "");
    const result = await say("elevenlabs.21m00Tcm4TlvDq8ikWAM");
    expect(result).toMatchObject({ ok: false, code: 13511, message: expect.stringContaining("Settings → Speech") });
  });

  it("answers 20503, never throws, when the tenant's stored key no longer opens", async () => {
    await db.tenantSpeechCredential.create({ data: { tenantId, provider: "google", secretCipher: "v1.garbage.garbage.garbage", hint: "0000" } });
    expect(await say("Google.en-US-Standard-C")).toMatchObject({ ok: false, code: 20503, message: expect.stringContaining("text to speech failed") });
  });

  it("uses the tenant's default voice when <Say> names none, and the platform's when the tenant chose none", async () => {
    vi.stubEnv("SPEECH_DEFAULT_VOICE", "Google.en-US-Standard-C");
    await expectPlayableFile(await say(null));
    expect(google.requests.at(-1)!.path).toBe("/v1/text:synthesize");
    await updateSpeechSettings(actor, { defaultVoice: "Polly.Joanna", sttProvider: null });
    const count = polly.requests.length;
    await expectPlayableFile(await say(null));
    expect(polly.requests.length).toBe(count + 1);
    expect(await say("man")).toEqual({ ok: true, engine: "flite" });
  });

  it("keeps each tenant's audio apart: the same sentence for another tenant is synthesized again", async () => {
    await expectPlayableFile(await say("Polly.Joanna", "Your code is 4 2 7 1."));
    const count = polly.requests.length;
    const other = (await createTestTenant()).tenant.id;
    const theirs = await synthesizeSpeech({ tenantId: other, text: "Your code is 4 2 7 1.", voice: "Polly.Joanna", language: "en-US", mediaDir });
    expect(theirs).toMatchObject({ ok: true, cached: false });
    expect(polly.requests.length).toBe(count + 1);
  });
});

describe("cache bounds", () => {
  it("evicts the least recently played files once the folder passes SPEECH_CACHE_MAX_BYTES", async () => {
    // Each answer is 0.4 s of 16 kHz audio: 12,844 bytes as WAV. Room for three.
    vi.stubEnv("SPEECH_CACHE_MAX_BYTES", String(3 * 12_844 + 100));
    const files: string[] = [];
    for (const text of ["one", "two", "three"]) {
      const r = await say("Polly.Joanna", text);
      if (r.ok && r.engine === "file") files.push(r.file);
    }
    expect(files).toHaveLength(3);
    // "one" is played again, so "two" is now the least recently used, then "three".
    expect(await say("Polly.Joanna", "one")).toMatchObject({ cached: true });
    const four = await say("Polly.Joanna", "four");
    const left = (await readdir(path.join(mediaDir, "tts"))).map((f) => path.join(path.resolve(mediaDir), "tts", f));
    expect(left.sort()).toEqual([files[0]!, four.ok && four.engine === "file" ? four.file : "?"].sort());
    // An evicted sentence is synthesized again when it is next said.
    expect(await say("Polly.Joanna", "two")).toMatchObject({ ok: true, cached: false });
    let total = 0;
    for (const f of left) total += (await stat(f)).size;
    expect(total).toBeLessThanOrEqual(3 * 12_844 + 100);
    expect(left.filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("asks the provider once when the same sentence is said on many calls at the same moment", async () => {
    const count = polly.requests.length;
    const results = await Promise.all(Array.from({ length: 5 }, () => say("Polly.Joanna", "Please hold.")));
    expect(polly.requests.length).toBe(count + 1);
    expect(new Set(results.map((r) => (r.ok && r.engine === "file" ? r.file : null))).size).toBe(1);
  });
});
