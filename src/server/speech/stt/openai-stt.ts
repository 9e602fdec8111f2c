// OpenAI transcription: POST /v1/audio/transcriptions (platform.openai.com/docs/api-reference/audio/createTranscription),
// multipart/form-data with file, model, language (ISO-639-1), prompt (the hints) and response_format. whisper-1
// answers verbose_json, whose segments' avg_logprob give a confidence; the gpt-4o models answer json (text only).
// OpenAI has no profanity filter; the option is not sent.
import { parseJson, providerRequest } from "@/server/speech/provider-request";
import { apiKeyOf } from "@/server/speech/speech-config";
import { isPhrase, type SttAdapter } from "@/server/speech/stt/stt-adapter";

interface TranscriptionResponse {
  text?: string;
  segments?: Array<{ avg_logprob?: number }>;
}

export const openaiStt: SttAdapter = {
  provider: "openai",
  accepts: ["wav"],
  model: (speechModel, config) => (speechModel?.startsWith("openai_") ? speechModel.slice("openai_".length) : config.SPEECH_OPENAI_STT_MODEL),
  async recognize({ utterance, language, hints, model, credential, config, timeoutMs }) {
    const chosen = model ?? config.SPEECH_OPENAI_STT_MODEL;
    const verbose = chosen === "whisper-1";
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(utterance.data)], { type: "audio/wav" }), "utterance.wav");
    form.set("model", chosen);
    form.set("language", language.split("-")[0]!.toLowerCase());
    form.set("response_format", verbose ? "verbose_json" : "json");
    const phrases = hints.filter(isPhrase);
    if (phrases.length) form.set("prompt", phrases.join(", "));
    const res = await providerRequest(new URL("/v1/audio/transcriptions", config.SPEECH_OPENAI_BASE_URL).toString(), { method: "POST", headers: { authorization: `Bearer ${apiKeyOf(credential)}` }, body: form }, timeoutMs);
    const answer = parseJson<TranscriptionResponse>(res, "/v1/audio/transcriptions");
    const logprobs = (answer.segments ?? []).map((s) => s.avg_logprob).filter((p): p is number => typeof p === "number");
    const confidence = logprobs.length ? Math.min(1, Math.exp(logprobs.reduce((s, p) => s + p, 0) / logprobs.length)) : null;
    return { transcript: answer.text?.trim() ?? "", confidence };
  },
};
