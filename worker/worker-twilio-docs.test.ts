// Every TwiML example of Twilio's documentation (src/server/voice-documents/twiml/fixtures) runs unchanged on the
// worker and the simulator: served from a voice URL to a call whose far end stays five seconds, each call ends
// cleanly (a <Client> with no SIP user of the account rings nowhere). Nouns IRISX does not run yet (Queue) are refused with a debugger entry (Twilio's 12200),
// never skipped in silence; nothing else is refused. (<Stream> runs: the examples' servers cannot be reached from
// here, which is a stream error of their own, 319xx, not a refusal.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db";
import { DOCS_EXAMPLES } from "@/server/voice-documents/twiml/fixtures/twilio-docs-examples";
import { createVoiceTenant } from "@/test/call-fixtures";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import type { Simulator } from "../freeswitch/simulator/index";
import type { RunningWorker } from "./start-worker";
import { placeCall, startTestSimulator, startTestWorker, useTempRecordingDirs, waitForFinalCall } from "./test-harness";

let sim: Simulator;
let worker: RunningWorker;
let app: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
  await useTempRecordingDirs();
  app = await startWebhookReceiver((req) => {
    const index = /^\/docs\/(\d+)/.exec(req.url)?.[1];
    const example = index === undefined ? undefined : DOCS_EXAMPLES[Number(index)];
    // An action of an example answers with the end of the call; anything else of the examples' URLs is missing.
    if (req.url.startsWith("/docs/") && !example) return { status: 404 };
    return example ? { status: 200, body: example.twiml, headers: { "Content-Type": "text/xml" } } : { status: 200, body: "<Response><Hangup/></Response>", headers: { "Content-Type": "text/xml" } };
  });
  sim = await startTestSimulator({ timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
  worker = await startTestWorker(sim);
});

afterAll(async () => {
  await worker?.stop(5_000);
  await sim?.close();
  await app?.close();
});

describe("Twilio's documentation examples on the worker", () => {
  it(`all ${DOCS_EXAMPLES.length} run to a clean end, none refused`, async () => {
    const voice = await createVoiceTenant({ callsPerSecond: 100, maxConcurrentCalls: 200, creditMicros: 1_000_000_000n });
    // Each example at its own path, so relative action URLs resolve under it and end the call.
    const calls = await Promise.all(DOCS_EXAMPLES.map((_, i) => placeCall(voice.actor, { to: "+15005550160", from: voice.number.e164, url: app.url(`/docs/${i}`) })));
    const ended = await Promise.all(calls.map((c) => waitForFinalCall(c.id, 60_000)));
    const refused: string[] = [];
    for (const [i, example] of DOCS_EXAMPLES.entries()) {
      expect(ended[i]!.status, example.name).toBe("COMPLETED");
      // 12200 also warns of attributes not honoured yet (a whisper URL, ringTone…); a refusal names the verb or noun.
      const entries = await db.callEvent.findMany({ where: { callId: calls[i]!.id, type: "debugger.error", data: { path: ["code"], equals: 12200 } } });
      const refusals = entries.filter((e) => /cannot (run|be dialled)|media-streaming/.test((e.data as { message: string }).message));
      if (refusals.length > 0) refused.push(`${example.name}: ${JSON.stringify(refusals[0]!.data)}`);
    }
    expect(refused).toEqual([]);
  }, 120_000);
});
