import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { recognizeSpeech, type RecognizeSpeechInput } from "@/server/speech/recognize-speech";
import { setSpeechKey } from "@/server/speech/set-speech-key";
import { updateSpeechSettings } from "@/server/speech/update-speech-settings";
import type { Actor } from "@/server/tenancy";
import { createTestTenant } from "@/test/factories";
import { startDeepgramStandIn } from "@/test/speech-standins/deepgram-stand-in";
import { startGoogleStandIn } from "@/test/speech-standins/google-stand-in";
import { startOpenAiStandIn } from "@/test/speech-standins/openai-stand-in";
import { toneWav } from "@/test/speech-standins/stand-in-audio";
import type { RecordedRequest, StandIn } from "@/test/speech-standins/stand-in-server";

let deepgram: Awaited<ReturnType<typeof startDeepgramStandIn>>;
let google: Awaited<ReturnType<typeof startGoogleStandIn>>;
let openai: Awaited<ReturnType<typeof startOpenAiStandIn>>;
let actor: Actor;

beforeAll(async () => {
  [deepgram, google, openai] = await Promise.all([startDeepgramStandIn(), startGoogleStandIn(), startOpenAiStandIn()]);
});
afterAll(async () => {
  await Promise.all([deepgram, google, openai].map((s) => s.close()));
});
beforeEach(async () => {
  vi.stubEnv("SPEECH_DEEPGRAM_API_KEY", deepgram.apiKey);
  vi.stubEnv("SPEECH_DEEPGRAM_BASE_URL", deepgram.baseUrl);
  vi.stubEnv("SPEECH_GOOGLE_API_KEY", google.apiKey);
  vi.stubEnv("SPEECH_GOOGLE_STT_BASE_URL", google.baseUrl);
  vi.stubEnv("SPEECH_OPENAI_API_KEY", openai.apiKey);
  vi.stubEnv("SPEECH_OPENAI_BASE_URL", openai.baseUrl);
  vi.stubEnv("SPEECH_REQUEST_TIMEOUT_MS", "1500");
  ({ actor } = await createTestTenant());
});
afterEach(() => {
  vi.unstubAllEnvs();
  for (const s of [deepgram, google, openai]) expect(s.violations, "requests the stand-in refused as malformed").toEqual([]);
});

/** The caller's utterance as the switch records it: 8 kHz mono 16-bit PCM. */
const utterance = toneWav(8000, 1);
const hear = (input: Partial<RecognizeSpeechInput> = {}) =>
  recognizeSpeech({ tenantId: actor.tenantId, audio: utterance, language: "en-US", hints: null, model: null, profanityFilter: true, ...input });

describe.each([
  {
    name: "Deepgram",
    provider: "deepgram" as const,
    standIn: () => deepgram as StandIn,
    own: async () => {
      const own = await startDeepgramStandIn({ apiKey: "dg-tenant-own-key" });
      return { own, env: { SPEECH_DEEPGRAM_BASE_URL: own.baseUrl }, apiKey: own.apiKey, sent: (r: RecordedRequest) => r.headers.authorization, expected: `Token ${own.apiKey}` };
    },
    expected: { transcript: "yes please", confidence: 0.98 },
    shape: () => {
      const req = deepgram.requests.at(-1)!;
      expect(req.path).toBe("/v1/listen");
      expect(req.headers.authorization).toBe(`Token ${deepgram.apiKey}`);
      expect(req.headers["content-type"]).toBe("audio/wav");
      expect(Buffer.compare(req.body, utterance)).toBe(0);
      expect(Object.fromEntries(req.query)).toMatchObject({ model: "nova-2-phonecall", language: "en-US", profanity_filter: "true" });
      expect(req.query.getAll("keywords")).toEqual(["sales", "support desk"]);
    },
  },
  {
    name: "Google",
    provider: "google" as const,
    standIn: () => google as StandIn,
    own: async () => {
      const own = await startGoogleStandIn({ apiKey: "AIza-tenant-own-key" });
      return { own, env: { SPEECH_GOOGLE_STT_BASE_URL: own.baseUrl }, apiKey: own.apiKey, sent: (r: RecordedRequest) => r.headers["x-goog-api-key"], expected: own.apiKey };
    },
    expected: { transcript: "check my balance", confidence: 0.92 },
    shape: () => {
      const req = google.requests.at(-1)!;
      expect(req.path).toBe("/v1/speech:recognize");
      expect(req.headers["x-goog-api-key"]).toBe(google.apiKey);
      const body = JSON.parse(req.body.toString()) as { config: Record<string, unknown>; audio: { content: string } };
      expect(body.config).toEqual({
        encoding: "LINEAR16",
        sampleRateHertz: 8000,
        audioChannelCount: 1,
        languageCode: "en-US",
        profanityFilter: true,
        enableAutomaticPunctuation: true,
        speechContexts: [{ phrases: ["sales", "support desk"] }],
      });
      expect(Buffer.from(body.audio.content, "base64").equals(utterance)).toBe(true);
    },
  },
  {
    name: "OpenAI",
    provider: "openai" as const,
    standIn: () => openai as StandIn,
    own: async () => {
      const own = await startOpenAiStandIn({ apiKey: "sk-tenant-own-key" });
      return { own, env: { SPEECH_OPENAI_BASE_URL: own.baseUrl }, apiKey: own.apiKey, sent: (r: RecordedRequest) => r.headers.authorization, expected: `Bearer ${own.apiKey}` };
    },
    expected: { transcript: "I would like to speak to sales.", confidence: Math.exp(-0.105) },
    shape: () => {
      const req = openai.requests.at(-1)!;
      expect(req.path).toBe("/v1/audio/transcriptions");
      expect(req.headers.authorization).toBe(`Bearer ${openai.apiKey}`);
      expect(openai.transcriptionForms.at(-1)).toEqual({ file: "file:utterance.wav:audio/wav", model: "whisper-1", language: "en", response_format: "verbose_json", prompt: "sales, support desk" });
    },
  },
])("$name", ({ provider, standIn, expected, shape, own: startOwn }) => {
  beforeEach(async () => {
    await updateSpeechSettings(actor, { defaultVoice: null, sttProvider: provider });
  });

  it("uses the tenant's own key over the platform's", async () => {
    const { own, env, apiKey, sent, expected: credential } = await startOwn();
    try {
      for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
      await setSpeechKey(actor, { provider, apiKey });
      expect(await hear()).toMatchObject({ ok: true, provider });
      expect(own.requests).toHaveLength(1);
      expect(sent(own.requests[0]!)).toBe(credential);
      expect(own.violations).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it("recognizes the utterance with the documented request", async () => {
    const result = await hear({ hints: provider === "google" ? "sales, support desk ,," : "sales, support desk ,$OOV_CLASS_DIGIT_SEQUENCE," });
    expect(result).toEqual({ ok: true, provider, transcript: expected.transcript, confidence: expect.closeTo(expected.confidence, 5) });
    shape();
  });

  it.each([
    [400, 13343],
    [401, 13343],
    [403, 13343],
    [429, 20429],
    [500, 20503],
    [502, 20503],
  ])("maps the provider's HTTP %i to Twilio's %i", async (status, code) => {
    standIn().failNext(status, `provider answer ${status}`);
    expect(await hear()).toMatchObject({ ok: false, code, message: expect.stringContaining(`HTTP ${status}: provider answer ${status}`) });
  });

  it("gives up after SPEECH_REQUEST_TIMEOUT_MS with 20503", async () => {
    standIn().stallNext(3000);
    expect(await hear()).toMatchObject({ ok: false, code: 20503, message: expect.stringContaining("did not answer within 1.5 s") });
  });
});

describe("choosing the provider and key", () => {
  it("uses the platform's SPEECH_STT_PROVIDER when the tenant chose none, else the first provider with a key", async () => {
    vi.stubEnv("SPEECH_STT_PROVIDER", "google");
    expect(await hear()).toMatchObject({ ok: true, provider: "google" });
    vi.stubEnv("SPEECH_STT_PROVIDER", "");
    expect(await hear()).toMatchObject({ ok: true, provider: "deepgram" });
  });

  it("lets a Twilio speechModel that names a provider pick it, with its model", async () => {
    expect(await hear({ model: "deepgram_nova-3" })).toMatchObject({ ok: true, provider: "deepgram" });
    expect(deepgram.requests.at(-1)!.query.get("model")).toBe("nova-3");
    expect(await hear({ model: "deepgram_nova-3", hints: "billing" })).toMatchObject({ ok: true });
    expect(deepgram.requests.at(-1)!.query.getAll("keyterm")).toEqual(["billing"]);
    await hear({ model: "googlev2_telephony" });
    expect(JSON.parse(google.requests.at(-1)!.body.toString()).config.model).toBe("telephony");
  });

  it("maps Twilio's generic speech models to Google's", async () => {
    await updateSpeechSettings(actor, { defaultVoice: null, sttProvider: "google" });
    await hear({ model: "numbers_and_commands" });
    expect(JSON.parse(google.requests.at(-1)!.body.toString()).config.model).toBe("command_and_search");
    await hear({ model: "phone_call" });
    expect(JSON.parse(google.requests.at(-1)!.body.toString()).config.model).toBe("phone_call");
  });

  it("answers an empty transcript when nothing was recognized", async () => {
    const quiet = await startGoogleStandIn({ transcript: null });
    try {
      vi.stubEnv("SPEECH_GOOGLE_STT_BASE_URL", quiet.baseUrl);
      vi.stubEnv("SPEECH_GOOGLE_API_KEY", quiet.apiKey);
      await updateSpeechSettings(actor, { defaultVoice: null, sttProvider: "google" });
      expect(await hear()).toEqual({ ok: true, provider: "google", transcript: "", confidence: null });
    } finally {
      await quiet.close();
    }
  });

  it("refuses with 13343 when no provider has a key, 13331 for a bad language, and a non-WAV utterance", async () => {
    for (const k of ["SPEECH_DEEPGRAM_API_KEY", "SPEECH_GOOGLE_API_KEY", "SPEECH_OPENAI_API_KEY"]) vi.stubEnv(k, "");
    expect(await hear()).toMatchObject({ ok: false, code: 13343, message: expect.stringContaining("Settings → Speech") });
    expect(await hear({ language: "english please" })).toMatchObject({ ok: false, code: 13331 });
    expect(await hear({ audio: Buffer.from("ID3 an mp3") })).toMatchObject({ ok: false, code: 13343, message: expect.stringContaining("WAV") });
  });
});
