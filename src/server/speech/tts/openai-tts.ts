// OpenAI text to speech: POST /v1/audio/speech (platform.openai.com/docs/api-reference/audio/createSpeech), Bearer
// key, JSON { model, input, voice, response_format }. "pcm" is raw 24 kHz 16-bit little-endian mono samples.
import { providerRequest } from "@/server/speech/provider-request";
import { apiKeyOf } from "@/server/speech/speech-config";
import { voiceFor, type TtsAdapter } from "@/server/speech/tts/tts-adapter";

export const OPENAI_PCM_RATE = 24000;

export const openaiTts: TtsAdapter = {
  provider: "openai",
  model: (config) => config.SPEECH_OPENAI_TTS_MODEL,
  async synthesize(request) {
    const { text, credential, config, timeoutMs } = request;
    const voice = voiceFor(request, "openai");
    const res = await providerRequest(
      new URL("/v1/audio/speech", config.SPEECH_OPENAI_BASE_URL).toString(),
      {
        method: "POST",
        headers: { authorization: `Bearer ${apiKeyOf(credential)}`, "content-type": "application/json" },
        body: JSON.stringify({ model: config.SPEECH_OPENAI_TTS_MODEL, input: text, voice: voice.voice, response_format: "pcm" }),
      },
      timeoutMs,
    );
    return { kind: "pcm16", sampleRate: OPENAI_PCM_RATE, data: res.body };
  },
};
