// Google Cloud Speech-to-Text v1: POST /v1/speech:recognize (cloud.google.com/speech-to-text/docs/reference/rest/v1/
// speech/recognize) with an API key (X-Goog-Api-Key), JSON { config, audio: { content } }. Answer: results[] (one
// per stretch of speech), each with alternatives[0].{transcript, confidence}; no results when nothing was said.
import { parseWavHeader } from "@/server/recordings/wav-header";
import { parseJson, providerRequest } from "@/server/speech/provider-request";
import { apiKeyOf } from "@/server/speech/speech-config";
import type { SttAdapter } from "@/server/speech/stt/stt-adapter";

interface RecognizeResponse {
  results?: Array<{ alternatives?: Array<{ transcript?: string; confidence?: number }> }>;
}

/** Twilio's generic speechModel names, as Google's v1 models. */
const TWILIO_MODELS: Record<string, string | null> = {
  default: null,
  phone_call: "phone_call",
  numbers_and_commands: "command_and_search",
  experimental_conversations: "latest_long",
  experimental_utterances: "latest_short",
};

export const googleStt: SttAdapter = {
  provider: "google",
  accepts: ["wav"],
  model(speechModel) {
    if (!speechModel) return null;
    const own = /^google(?:v2)?_(.+)$/.exec(speechModel);
    if (own) return own[1]!;
    return TWILIO_MODELS[speechModel] ?? null;
  },
  async recognize({ utterance, language, hints, model, profanityFilter, credential, config, timeoutMs }) {
    const { sampleRate } = parseWavHeader(utterance.data, utterance.data.length);
    const body = {
      config: {
        encoding: "LINEAR16",
        sampleRateHertz: sampleRate,
        audioChannelCount: 1,
        languageCode: language,
        profanityFilter,
        enableAutomaticPunctuation: true,
        ...(hints.length ? { speechContexts: [{ phrases: hints }] } : {}),
        ...(model ? { model } : {}),
      },
      audio: { content: utterance.data.toString("base64") },
    };
    const res = await providerRequest(
      new URL("/v1/speech:recognize", config.SPEECH_GOOGLE_STT_BASE_URL).toString(),
      { method: "POST", headers: { "x-goog-api-key": apiKeyOf(credential), "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body) },
      timeoutMs,
    );
    const best = (parseJson<RecognizeResponse>(res, "speech:recognize").results ?? []).map((r) => r.alternatives?.[0]).filter((a) => a?.transcript);
    const confidences = best.map((a) => a!.confidence).filter((c): c is number => typeof c === "number");
    return {
      transcript: best.map((a) => a!.transcript!.trim()).join(" "),
      confidence: confidences.length ? confidences.reduce((s, c) => s + c, 0) / confidences.length : null,
    };
  },
};
