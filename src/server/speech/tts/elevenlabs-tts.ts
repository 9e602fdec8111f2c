// ElevenLabs text to speech: POST /v1/text-to-speech/{voice_id}?output_format=pcm_16000
// (elevenlabs.io/docs/api-reference/text-to-speech/convert), `xi-api-key` header, JSON { text, model_id }.
// pcm_16000 is raw 16 kHz 16-bit little-endian mono samples.
import { providerRequest } from "@/server/speech/provider-request";
import { apiKeyOf } from "@/server/speech/speech-config";
import { voiceFor, type TtsAdapter } from "@/server/speech/tts/tts-adapter";

export const elevenlabsTts: TtsAdapter = {
  provider: "elevenlabs",
  model: (config) => config.SPEECH_ELEVENLABS_MODEL,
  async synthesize(request) {
    const { text, credential, config, timeoutMs } = request;
    const voice = voiceFor(request, "elevenlabs");
    const url = new URL(`/v1/text-to-speech/${encodeURIComponent(voice.voiceId)}`, config.SPEECH_ELEVENLABS_BASE_URL);
    url.searchParams.set("output_format", "pcm_16000");
    const res = await providerRequest(
      url.toString(),
      {
        method: "POST",
        headers: { "xi-api-key": apiKeyOf(credential), "content-type": "application/json", accept: "audio/pcm" },
        body: JSON.stringify({ text, model_id: config.SPEECH_ELEVENLABS_MODEL }),
      },
      timeoutMs,
    );
    return { kind: "pcm16", sampleRate: 16000, data: res.body };
  },
};
