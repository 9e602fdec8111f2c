import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { openSecret } from "@/server/crypto/secret-box";
import { AppError } from "@/server/errors";
import { getSpeechSettings } from "@/server/speech/get-speech-settings";
import { previewSpeech } from "@/server/speech/preview-speech";
import { removeSpeechKey } from "@/server/speech/remove-speech-key";
import { setSpeechKey } from "@/server/speech/set-speech-key";
import { readPcmWav } from "@/server/speech/speech-audio";
import { updateSpeechSettings } from "@/server/speech/update-speech-settings";
import type { Actor } from "@/server/tenancy";
import { createTestTenant } from "@/test/factories";
import { startOpenAiStandIn, type OpenAiStandIn } from "@/test/speech-standins/openai-stand-in";

let openai: OpenAiStandIn;
let owner: Actor;
beforeAll(async () => {
  openai = await startOpenAiStandIn({ apiKey: "sk-tenant-key-1234" });
});
afterAll(() => openai.close());
beforeEach(async () => {
  vi.stubEnv("SPEECH_OPENAI_BASE_URL", openai.baseUrl);
  vi.stubEnv("SPEECH_DEEPGRAM_API_KEY", "dg-platform-key");
  ({ actor: owner } = await createTestTenant());
});
afterEach(() => vi.unstubAllEnvs());

const audits = (action: string) => db.auditLog.findMany({ where: { tenantId: owner.tenantId, action }, orderBy: { createdAt: "asc" } });
const as = (role: Actor["role"]): Actor => ({ ...owner, role });
async function codeOf(p: Promise<unknown>) {
  return p.then(
    () => "OK",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
}

describe("speech settings", () => {
  it("starts with flite and the platform's providers, and shows which have platform keys", async () => {
    const view = await getSpeechSettings(owner);
    expect(view).toMatchObject({ defaultVoice: null, sttProvider: null, platformSttProvider: "deepgram", canEdit: true });
    expect(view.providers.find((p) => p.provider === "deepgram")).toMatchObject({ platformKey: true, ownKey: null, speechToText: true, textToSpeech: false });
    expect(view.providers.find((p) => p.provider === "polly")).toMatchObject({ platformKey: false, textToSpeech: true, speechToText: false });
  });

  it("stores keys sealed and write-only, audited by their last four characters", async () => {
    await setSpeechKey(owner, { provider: "openai", apiKey: "sk-tenant-key-1234" });
    const row = await db.tenantSpeechCredential.findUniqueOrThrow({ where: { tenantId_provider: { tenantId: owner.tenantId, provider: "openai" } } });
    expect(row.secretCipher).not.toContain("sk-tenant");
    expect(openSecret(row.secretCipher)).toBe("sk-tenant-key-1234");
    const view = await getSpeechSettings(owner);
    expect(JSON.stringify(view)).not.toContain("sk-tenant");
    expect(view.providers.find((p) => p.provider === "openai")!.ownKey).toMatchObject({ hint: "1234" });

    await setSpeechKey(owner, { provider: "openai", apiKey: "sk-replaced-key-5678" });
    await removeSpeechKey(owner, { provider: "openai" });
    const trail = [...(await audits("speech.key_added")), ...(await audits("speech.key_replaced")), ...(await audits("speech.key_removed"))];
    expect(trail.map((a) => [a.action, a.targetId, a.before, a.after])).toEqual([
      ["speech.key_added", "openai", null, { hint: "1234" }],
      ["speech.key_replaced", "openai", { hint: "1234" }, { hint: "5678" }],
      ["speech.key_removed", "openai", { provider: "openai" }, null],
    ]);
    expect(JSON.stringify(trail)).not.toContain("sk-");
    expect(await codeOf(removeSpeechKey(owner, { provider: "openai" }))).toBe("NOT_FOUND");
  });

  it("keeps Polly's credentials and region together, hinting by the access key id", async () => {
    await setSpeechKey(owner, { provider: "polly", accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "eu-west-2" });
    const row = await db.tenantSpeechCredential.findUniqueOrThrow({ where: { tenantId_provider: { tenantId: owner.tenantId, provider: "polly" } } });
    expect(JSON.parse(openSecret(row.secretCipher))).toEqual({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "eu-west-2" });
    expect(row.hint).toBe("MPLE");
    expect((await audits("speech.key_added"))[0]!.after).toEqual({ hint: "MPLE", region: "eu-west-2" });
  });

  it("saves the default voice in its canonical form and the STT provider, audited once per change", async () => {
    expect(await updateSpeechSettings(owner, { defaultVoice: "polly.Joanna-neural", sttProvider: "google" })).toEqual({ defaultVoice: "Polly.Joanna-Neural", sttProvider: "google" });
    await updateSpeechSettings(owner, { defaultVoice: "Polly.Joanna-Neural", sttProvider: "google" });
    expect(await updateSpeechSettings(owner, { defaultVoice: "alice", sttProvider: null })).toEqual({ defaultVoice: null, sttProvider: null });
    const trail = await audits("speech.settings_changed");
    expect(trail.map((a) => a.after)).toEqual([
      { defaultVoice: "Polly.Joanna-Neural", sttProvider: "google" },
      { defaultVoice: null, sttProvider: null },
    ]);
    await expect(updateSpeechSettings(owner, { defaultVoice: "Robot.Marvin", sttProvider: null })).rejects.toThrow(/is not a voice/);
  });

  it("lets supervisors and developers read, and only admins change or preview", async () => {
    for (const role of ["SUPERVISOR", "DEVELOPER"] as const) {
      expect((await getSpeechSettings(as(role))).canEdit).toBe(false);
      expect(await codeOf(updateSpeechSettings(as(role), { defaultVoice: null, sttProvider: null }))).toBe("FORBIDDEN");
      expect(await codeOf(setSpeechKey(as(role), { provider: "openai", apiKey: "sk-something-long" }))).toBe("FORBIDDEN");
      expect(await codeOf(previewSpeech(as(role), { voice: "openai.alloy" }))).toBe("FORBIDDEN");
    }
    expect(await codeOf(getSpeechSettings(as("AGENT")))).toBe("FORBIDDEN");
    expect((await getSpeechSettings(as("ADMIN"))).canEdit).toBe(true);
  });

  it("previews a provider voice as WAV with the tenant's key, and says flite cannot be previewed", async () => {
    await setSpeechKey(owner, { provider: "openai", apiKey: "sk-tenant-key-1234" });
    const preview = await previewSpeech(owner, { voice: "openai.nova", text: "Hello from IRISX." });
    expect(preview).toMatchObject({ voice: "openai.nova", contentType: "audio/wav" });
    expect(readPcmWav(Buffer.from(preview.audioBase64, "base64")).sampleRate).toBe(16000);
    expect(JSON.parse(openai.requests.at(-1)!.body.toString())).toMatchObject({ input: "Hello from IRISX.", voice: "nova" });
    expect(openai.violations).toEqual([]);
    await expect(previewSpeech(owner, { voice: "man" })).rejects.toThrow(/flite voices are spoken by the switch/);
    openai.failNext(400, "voice not found");
    await expect(previewSpeech(owner, { voice: "openai.nova", text: "Another sentence." })).rejects.toThrow(/Twilio error 13511/);
  });
});
