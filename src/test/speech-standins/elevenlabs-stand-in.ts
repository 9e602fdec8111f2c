// ElevenLabs' text to speech as documented: POST /v1/text-to-speech/{voice_id}?output_format=…, `xi-api-key`
// header, JSON { text, model_id }; pcm_16000 answers raw 16 kHz 16-bit mono. Errors as { detail: { status, message } }.
import { expectRoute, jsonBody, nonEmptyString, startStandIn, type StandIn } from "@/test/speech-standins/stand-in-server";
import { tonePcm } from "@/test/speech-standins/stand-in-audio";

const OUTPUT_FORMATS = /^(mp3_\d+_\d+|pcm_(8000|16000|22050|24000|44100|48000)|ulaw_8000|alaw_8000|opus_\d+_\d+)$/;

export async function startElevenLabsStandIn(opts: { apiKey?: string } = {}): Promise<StandIn & { apiKey: string }> {
  const apiKey = opts.apiKey ?? "xi-stand-in-key";
  const standIn = await startStandIn({
    authorize: (req) => (req.headers["xi-api-key"] === apiKey ? null : { status: 401, message: "Invalid API key" }),
    check(req) {
      const problems: string[] = [];
      expectRoute(req, "POST", /^\/v1\/text-to-speech\/[A-Za-z0-9]+$/, problems);
      const format = req.query.get("output_format");
      if (format && !OUTPUT_FORMATS.test(format)) problems.push(`output_format ${format} is not documented`);
      const body = jsonBody(req, problems);
      if (!nonEmptyString(body.text)) problems.push("text is required");
      if (body.model_id !== undefined && !nonEmptyString(body.model_id)) problems.push("model_id must be a string");
      return problems;
    },
    answer(req) {
      const rate = Number(/^pcm_(\d+)$/.exec(req.query.get("output_format") ?? "")?.[1] ?? 0);
      if (!rate) return { status: 200, headers: { "content-type": "audio/mpeg" }, body: Buffer.from("ID3 not decoded by this stand-in") };
      return { status: 200, headers: { "content-type": "audio/pcm" }, body: tonePcm(rate) };
    },
    error: (status, message) => ({ status, body: { detail: { status: status === 401 ? "invalid_api_key" : status === 404 ? "voice_not_found" : "error", message } } }),
  });
  return Object.assign(standIn, { apiKey });
}
