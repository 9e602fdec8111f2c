// Deepgram's pre-recorded transcription as documented: POST /v1/listen with the audio as the body (Content-Type
// audio/wav), `Authorization: Token <key>`, options in the query. Answers metadata and results.channels[].
// alternatives[]; errors as { err_code, err_msg, request_id }.
import { randomUUID } from "node:crypto";
import { expectRoute, startStandIn, type StandIn } from "@/test/speech-standins/stand-in-server";
import { wavProblems } from "@/test/speech-standins/stand-in-audio";

const BOOLEAN_OPTIONS = ["profanity_filter", "punctuate", "smart_format", "diarize"];

export async function startDeepgramStandIn(opts: { apiKey?: string; transcript?: string } = {}): Promise<StandIn & { apiKey: string }> {
  const apiKey = opts.apiKey ?? "dg-stand-in-key";
  const standIn = await startStandIn({
    authorize: (req) => (req.headers.authorization === `Token ${apiKey}` ? null : { status: 401, message: "Invalid credentials." }),
    check(req) {
      const problems: string[] = [];
      expectRoute(req, "POST", "/v1/listen", problems);
      if (!String(req.headers["content-type"]).startsWith("audio/")) problems.push(`content-type ${req.headers["content-type"]} is not audio/*`);
      for (const name of BOOLEAN_OPTIONS) {
        const v = req.query.get(name);
        if (v !== null && v !== "true" && v !== "false") problems.push(`${name}=${v} is not true or false`);
      }
      if (req.query.has("keyterm") && !String(req.query.get("model")).startsWith("nova-3")) problems.push("keyterm is for Nova-3 models only");
      problems.push(...wavProblems(req.body));
      return problems;
    },
    answer(req) {
      const transcript = opts.transcript ?? "yes please";
      return {
        status: 200,
        body: {
          metadata: { request_id: randomUUID(), duration: 1.1, channels: 1, models: [req.query.get("model") ?? "general"] },
          results: { channels: [{ alternatives: [{ transcript, confidence: 0.98, words: transcript.split(" ").map((word, i) => ({ word, start: i * 0.3, end: i * 0.3 + 0.25, confidence: 0.98 })) }] }] },
        },
      };
    },
    error: (status, message) => ({ status, body: { err_code: status === 401 ? "INVALID_AUTH" : status === 400 ? "Bad Request" : "INTERNAL_SERVER_ERROR", err_msg: message, request_id: randomUUID() } }),
  });
  return Object.assign(standIn, { apiKey });
}
