import { describe, expect, it } from "vitest";
import { formatVoice, parseVoice } from "@/server/speech/speech-voice";

describe("parseVoice", () => {
  it.each([
    [null, { provider: "flite" }],
    ["", { provider: "flite" }],
    ["man", { provider: "flite" }],
    ["WOMAN", { provider: "flite" }],
    ["alice", { provider: "flite" }],
    ["Polly.Joanna", { provider: "polly", voiceId: "Joanna", engine: "standard" }],
    ["Polly.Joanna-Neural", { provider: "polly", voiceId: "Joanna", engine: "neural" }],
    ["Polly.Matthew-Generative", { provider: "polly", voiceId: "Matthew", engine: "generative" }],
    ["polly.Amy", { provider: "polly", voiceId: "Amy", engine: "standard" }],
    ["Google.en-US-Standard-C", { provider: "google", name: "en-US-Standard-C", languageCode: "en-US" }],
    ["Google.fr-FR-Neural2-A", { provider: "google", name: "fr-FR-Neural2-A", languageCode: "fr-FR" }],
    ["Google.cmn-CN-Chirp3-HD-Aoede", { provider: "google", name: "cmn-CN-Chirp3-HD-Aoede", languageCode: "cmn-CN" }],
    ["openai.alloy", { provider: "openai", voice: "alloy" }],
    ["elevenlabs.21m00Tcm4TlvDq8ikWAM", { provider: "elevenlabs", voiceId: "21m00Tcm4TlvDq8ikWAM" }],
  ])("reads %j", (voice, expected) => {
    expect(parseVoice(voice)).toEqual(expected);
  });

  it.each(["robot", "Polly.", "Polly.joanna", "Polly.Joanna-Turbo", "Google.Standard-C", "openai.Alloy!", "elevenlabs.a/b", "Azure.en-US-JennyNeural"])("refuses %j", (voice) => {
    expect(parseVoice(voice)).toBeNull();
  });

  it.each(["Polly.Joanna", "Polly.Joanna-Neural", "Polly.Joanna-LongForm", "Google.en-US-Standard-C", "openai.nova", "elevenlabs.abc123"])("writes %s back as it reads", (voice) => {
    expect(formatVoice(parseVoice(voice)!)).toBe(voice);
  });
});
