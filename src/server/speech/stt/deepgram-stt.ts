// Deepgram pre-recorded transcription: POST /v1/listen (developers.deepgram.com/reference/speech-to-text-api/listen)
// with the WAV as the body, `Authorization: Token <key>`, options in the query (model, language, profanity_filter,
// keywords, or keyterm for Nova-3). Answer: results.channels[0].alternatives[0].{transcript, confidence}.
import { parseJson, providerRequest } from "@/server/speech/provider-request";
import { apiKeyOf } from "@/server/speech/speech-config";
import { isPhrase, type SttAdapter } from "@/server/speech/stt/stt-adapter";

interface ListenResponse {
  results?: { channels?: Array<{ alternatives?: Array<{ transcript?: string; confidence?: number }> }> };
}

export const deepgramStt: SttAdapter = {
  provider: "deepgram",
  accepts: ["wav"],
  model: (speechModel, config) => (speechModel?.startsWith("deepgram_") ? speechModel.slice("deepgram_".length) : config.SPEECH_DEEPGRAM_MODEL),
  async recognize({ utterance, language, hints, model, profanityFilter, credential, config, timeoutMs }) {
    const chosen = model ?? config.SPEECH_DEEPGRAM_MODEL;
    const url = new URL("/v1/listen", config.SPEECH_DEEPGRAM_BASE_URL);
    url.searchParams.set("model", chosen);
    url.searchParams.set("language", language);
    url.searchParams.set("profanity_filter", String(profanityFilter));
    url.searchParams.set("punctuate", "true");
    url.searchParams.set("smart_format", "true");
    for (const hint of hints.filter(isPhrase)) url.searchParams.append(chosen.startsWith("nova-3") ? "keyterm" : "keywords", hint);
    const res = await providerRequest(url.toString(), { method: "POST", headers: { authorization: `Token ${apiKeyOf(credential)}`, "content-type": "audio/wav" }, body: utterance.data }, timeoutMs);
    const best = parseJson<ListenResponse>(res, "/v1/listen").results?.channels?.[0]?.alternatives?.[0];
    return { transcript: best?.transcript?.trim() ?? "", confidence: typeof best?.confidence === "number" ? best.confidence : null };
  },
};
