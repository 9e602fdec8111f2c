// Amazon Polly: SynthesizeSpeech, POST /v1/speech (docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html),
// signed with SigV4 for service "polly", JSON { Engine, OutputFormat, SampleRate, Text, TextType, VoiceId }.
// OutputFormat "pcm" is raw signed 16-bit little-endian mono samples at SampleRate ("8000" or "16000").
import { signAwsRequest } from "@/server/speech/aws-sigv4";
import { providerRequest } from "@/server/speech/provider-request";
import { awsOf } from "@/server/speech/speech-config";
import { voiceFor, type TtsAdapter } from "@/server/speech/tts/tts-adapter";

export const pollyTts: TtsAdapter = {
  provider: "polly",
  model: () => "",
  async synthesize(request) {
    const { text, credential, config, timeoutMs } = request;
    const voice = voiceFor(request, "polly");
    const aws = awsOf(credential);
    const { region } = aws;
    const base = config.SPEECH_POLLY_BASE_URL ?? `https://polly.${region}.amazonaws.com`;
    const url = new URL("/v1/speech", base).toString();
    const body = JSON.stringify({ Engine: voice.engine, OutputFormat: "pcm", SampleRate: "16000", Text: text, TextType: "text", VoiceId: voice.voiceId });
    const headers = signAwsRequest({ method: "POST", url, headers: { "content-type": "application/json" }, body, service: "polly", region, credentials: aws });
    const res = await providerRequest(url, { method: "POST", headers, body }, timeoutMs);
    return { kind: "pcm16", sampleRate: 16000, data: res.body };
  },
};
