// Google Cloud's Text-to-Speech (POST /v1/text:synthesize) and Speech-to-Text (POST /v1/speech:recognize) as
// documented, with an API key in `X-Goog-Api-Key` or `?key=`. LINEAR16 synthesis answers base64 WAV in
// audioContent; recognition answers results[].alternatives[]. Errors as { error: { code, message, status } }.
import { expectRoute, jsonBody, nonEmptyString, startStandIn, type RecordedRequest, type StandIn } from "@/test/speech-standins/stand-in-server";
import { toneWav, wavProblems } from "@/test/speech-standins/stand-in-audio";
import { readPcmWav } from "@/server/speech/speech-audio";

const STATUS_NAMES: Record<number, string> = { 400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE" };

function synthesizeProblems(req: RecordedRequest): string[] {
  const problems: string[] = [];
  expectRoute(req, "POST", "/v1/text:synthesize", problems);
  const body = jsonBody(req, problems) as { input?: { text?: unknown; ssml?: unknown }; voice?: { languageCode?: unknown; name?: unknown }; audioConfig?: { audioEncoding?: unknown; sampleRateHertz?: unknown } };
  if (!nonEmptyString(body.input?.text) && !nonEmptyString(body.input?.ssml)) problems.push("input.text or input.ssml is required");
  if (!nonEmptyString(body.voice?.languageCode)) problems.push("voice.languageCode is required");
  if (nonEmptyString(body.voice?.name) && !String(body.voice.name).startsWith(String(body.voice.languageCode))) problems.push("voice.name does not belong to voice.languageCode");
  if (!["LINEAR16", "MP3", "OGG_OPUS", "MULAW", "ALAW"].includes(String(body.audioConfig?.audioEncoding))) problems.push("audioConfig.audioEncoding is required");
  return problems;
}

function recognizeProblems(req: RecordedRequest): string[] {
  const problems: string[] = [];
  expectRoute(req, "POST", "/v1/speech:recognize", problems);
  const body = jsonBody(req, problems) as { config?: Record<string, unknown>; audio?: { content?: unknown; uri?: unknown } };
  const config = body.config ?? {};
  if (!nonEmptyString(config.languageCode)) problems.push("config.languageCode is required");
  if (config.speechContexts !== undefined && !(Array.isArray(config.speechContexts) && config.speechContexts.every((c: { phrases?: unknown }) => Array.isArray(c.phrases)))) problems.push("config.speechContexts must be [{ phrases: [...] }]");
  if (!nonEmptyString(body.audio?.content)) return [...problems, "audio.content is required"];
  const wav = Buffer.from(String(body.audio.content), "base64");
  problems.push(...wavProblems(wav));
  if (!problems.length && config.sampleRateHertz !== undefined && config.sampleRateHertz !== readPcmWav(wav).sampleRate) problems.push("config.sampleRateHertz does not match the WAV header");
  if (config.encoding !== undefined && config.encoding !== "LINEAR16") problems.push(`encoding ${String(config.encoding)} for a WAV of PCM`);
  return problems;
}

export async function startGoogleStandIn(opts: { apiKey?: string; transcript?: string | null } = {}): Promise<StandIn & { apiKey: string }> {
  const apiKey = opts.apiKey ?? "AIza-stand-in-google";
  const standIn = await startStandIn({
    authorize: (req) => ((req.headers["x-goog-api-key"] ?? req.query.get("key")) === apiKey ? null : { status: 400, message: "API key not valid. Please pass a valid API key." }),
    check(req) {
      return req.path === "/v1/text:synthesize" ? synthesizeProblems(req) : recognizeProblems(req);
    },
    answer(req) {
      if (req.path === "/v1/text:synthesize") {
        const rate = Number((JSON.parse(req.body.toString()) as { audioConfig?: { sampleRateHertz?: number } }).audioConfig?.sampleRateHertz ?? 24000);
        return { status: 200, body: { audioContent: toneWav(rate).toString("base64") } };
      }
      if (opts.transcript === null) return { status: 200, body: {} }; // nothing recognized: Google answers no results
      return { status: 200, body: { results: [{ alternatives: [{ transcript: opts.transcript ?? "check my balance", confidence: 0.92 }], resultEndTime: "1.200s", languageCode: "en-us" }], totalBilledTime: "2s" } };
    },
    error: (status, message) => ({ status, body: { error: { code: status, message, status: STATUS_NAMES[status] ?? "UNKNOWN" } } }),
  });
  return Object.assign(standIn, { apiKey });
}
