// Amazon Polly's SynthesizeSpeech as documented: POST /v1/speech, JSON { Engine, OutputFormat, SampleRate, Text,
// TextType, VoiceId }, signed with SigV4 for service "polly" (checked by recomputing the signature). OutputFormat
// "pcm" answers raw 16-bit mono at SampleRate. Errors: x-amzn-ErrorType header and { message }.
import { randomBytes } from "node:crypto";
import { expectRoute, jsonBody, nonEmptyString, startStandIn, type StandIn } from "@/test/speech-standins/stand-in-server";
import { tonePcm } from "@/test/speech-standins/stand-in-audio";
import { verifySigV4 } from "@/test/sigv4-verify";
import type { IncomingMessage } from "node:http";

const ERROR_TYPES: Record<number, string> = { 400: "ValidationException", 403: "UnrecognizedClientException", 404: "LexiconNotFoundException", 429: "ThrottlingException", 500: "ServiceFailureException", 503: "ServiceUnavailableException" };

export async function startPollyStandIn(opts: { region?: string } = {}): Promise<StandIn & { credentials: { accessKeyId: string; secretAccessKey: string }; region: string }> {
  const region = opts.region ?? "eu-west-1";
  const credentials = { accessKeyId: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`, secretAccessKey: randomBytes(30).toString("base64") };
  const standIn = await startStandIn({
    authorize(req) {
      const sig = verifySigV4({ method: req.method, url: `${req.path}${req.query.size ? `?${req.query}` : ""}`, headers: req.headers } as IncomingMessage, req.body, credentials, region, "polly");
      return sig ? { status: 403, message: `SigV4: ${sig}` } : null;
    },
    check(req) {
      const problems: string[] = [];
      expectRoute(req, "POST", "/v1/speech", problems);
      const body = jsonBody(req, problems);
      if (!["mp3", "ogg_vorbis", "pcm", "json"].includes(String(body.OutputFormat))) problems.push("OutputFormat is required (mp3, ogg_vorbis, pcm, json)");
      if (!nonEmptyString(body.Text)) problems.push("Text is required");
      if (!/^[A-Z][A-Za-z]+$/.test(String(body.VoiceId))) problems.push("VoiceId is required");
      if (body.Engine !== undefined && !["standard", "neural", "long-form", "generative"].includes(String(body.Engine))) problems.push(`Engine ${String(body.Engine)} is not documented`);
      if (body.OutputFormat === "pcm" && body.SampleRate !== undefined && !["8000", "16000"].includes(String(body.SampleRate))) problems.push("pcm SampleRate must be \"8000\" or \"16000\"");
      if (body.TextType !== undefined && !["text", "ssml"].includes(String(body.TextType))) problems.push("TextType must be text or ssml");
      return problems;
    },
    answer(req) {
      const body = JSON.parse(req.body.toString()) as { SampleRate?: string };
      return { status: 200, headers: { "content-type": "audio/pcm", "x-amzn-requestcharacters": "12" }, body: tonePcm(Number(body.SampleRate ?? 16000)) };
    },
    error: (status, message) => ({ status, headers: { "x-amzn-errortype": `${ERROR_TYPES[status] ?? "ServiceFailureException"}:http://internal.amazon.com/coral/com.amazonaws.parrot.service/` }, body: { message } }),
  });
  return Object.assign(standIn, { credentials, region });
}
