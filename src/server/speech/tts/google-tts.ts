// Google Cloud Text-to-Speech: POST /v1/text:synthesize (cloud.google.com/text-to-speech/docs/reference/rest/v1/
// text/synthesize) with an API key (X-Goog-Api-Key header, kept out of URLs and logs), JSON { input, voice,
// audioConfig }. LINEAR16 comes back base64 in `audioContent`, with a WAV header.
import { parseJson, providerRequest, ProviderUnavailableError } from "@/server/speech/provider-request";
import { apiKeyOf } from "@/server/speech/speech-config";
import { voiceFor, type TtsAdapter } from "@/server/speech/tts/tts-adapter";

export const googleTts: TtsAdapter = {
  provider: "google",
  model: () => "",
  async synthesize(request) {
    const { text, credential, config, timeoutMs } = request;
    const voice = voiceFor(request, "google");
    const res = await providerRequest(
      new URL("/v1/text:synthesize", config.SPEECH_GOOGLE_TTS_BASE_URL).toString(),
      {
        method: "POST",
        headers: { "x-goog-api-key": apiKeyOf(credential), "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify({
          input: { text },
          voice: { languageCode: voice.languageCode, name: voice.name },
          audioConfig: { audioEncoding: "LINEAR16", sampleRateHertz: 16000 },
        }),
      },
      timeoutMs,
    );
    const { audioContent } = parseJson<{ audioContent?: string }>(res, "text:synthesize");
    if (!audioContent) throw new ProviderUnavailableError("answered without audioContent");
    return { kind: "wav", data: Buffer.from(audioContent, "base64") };
  },
};
