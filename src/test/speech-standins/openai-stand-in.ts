// OpenAI's audio API as documented: POST /v1/audio/speech (JSON model, input, voice, response_format; "pcm" is
// 24 kHz 16-bit mono) and POST /v1/audio/transcriptions (multipart file, model, optional language/prompt/
// response_format; verbose_json adds segments). Bearer auth. Errors as { error: { message, type, code } }.
import { expectRoute, jsonBody, nonEmptyString, startStandIn, type RecordedRequest, type StandIn } from "@/test/speech-standins/stand-in-server";
import { tonePcm, wavProblems } from "@/test/speech-standins/stand-in-audio";

export const OPENAI_VOICES = ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse"];

export interface OpenAiStandIn extends StandIn {
  apiKey: string;
  /** The form fields of each transcription request (a file as "file:<name>:<type>"). */
  transcriptionForms: Array<Record<string, string>>;
}

async function transcriptionProblems(req: RecordedRequest, forms: Array<Record<string, string>>): Promise<string[]> {
  const problems: string[] = [];
  expectRoute(req, "POST", "/v1/audio/transcriptions", problems);
  const type = String(req.headers["content-type"]);
  if (!type.startsWith("multipart/form-data; boundary=")) return [...problems, `content-type ${type} is not multipart/form-data`];
  const form = await new Request("http://stand-in", { method: "POST", headers: { "content-type": type }, body: new Uint8Array(req.body) }).formData();
  const fields: Record<string, string> = {};
  for (const [k, v] of form.entries()) fields[k] = typeof v === "string" ? v : `file:${v.name}:${v.type}`;
  forms.push(fields);
  const file = form.get("file");
  if (!(file instanceof Blob)) problems.push("file is required");
  else problems.push(...wavProblems(Buffer.from(await file.arrayBuffer())));
  if (!nonEmptyString(fields.model)) problems.push("model is required");
  if (fields.language && !/^[a-z]{2}$/.test(fields.language)) problems.push(`language ${fields.language} is not ISO-639-1`);
  if (fields.response_format && !["json", "text", "srt", "verbose_json", "vtt"].includes(fields.response_format)) problems.push("response_format is not a documented one");
  return problems;
}

export async function startOpenAiStandIn(opts: { apiKey?: string; transcript?: string } = {}): Promise<OpenAiStandIn> {
  const apiKey = opts.apiKey ?? "sk-stand-in-openai";
  const transcriptionForms: Array<Record<string, string>> = [];
  const standIn = await startStandIn({
    authorize: (req) => (req.headers.authorization === `Bearer ${apiKey}` ? null : { status: 401, message: `Incorrect API key provided: ${String(req.headers.authorization).slice(-4)}.` }),
    async check(req) {
      if (req.path !== "/v1/audio/speech") return transcriptionProblems(req, transcriptionForms);
      const problems: string[] = [];
      expectRoute(req, "POST", "/v1/audio/speech", problems);
      const body = jsonBody(req, problems);
      if (!nonEmptyString(body.model)) problems.push("model is required");
      if (!nonEmptyString(body.input)) problems.push("input is required");
      if (!OPENAI_VOICES.includes(String(body.voice))) problems.push(`voice ${String(body.voice)} is not one of OpenAI's`);
      if (!["mp3", "opus", "aac", "flac", "wav", "pcm"].includes(String(body.response_format ?? "mp3"))) problems.push("response_format is not a documented one");
      return problems;
    },
    answer(req) {
      if (req.path === "/v1/audio/speech") return { status: 200, headers: { "content-type": "audio/pcm" }, body: tonePcm(24000) };
      const verbose = transcriptionForms.at(-1)?.response_format === "verbose_json";
      const text = opts.transcript ?? "I would like to speak to sales.";
      return { status: 200, body: verbose ? { task: "transcribe", language: "english", duration: 1.2, text, segments: [{ id: 0, start: 0, end: 1.2, text, avg_logprob: -0.105 }] } : { text } };
    },
    error: (status, message) => ({ status, body: { error: { message, type: status === 401 ? "invalid_request_error" : "server_error", param: null, code: status === 401 ? "invalid_api_key" : null } } }),
  });
  return Object.assign(standIn, { apiKey, transcriptionForms });
}
