// The stage most call-control tests play on: a simulator, a worker on it watched event by event (and API command
// by API command), and the tenant's application as a local server answering each path with a TwiML document (or a
// function of the request's parameters). Registers its own beforeAll/afterAll.
import { afterAll, beforeAll } from "vitest";
import { env } from "@/env";
import { startWebhookReceiver, type ReceiverReply } from "@/test/webhook-receiver";
import type { Simulator } from "../freeswitch/simulator/index";
import type { EslEvent } from "./esl/wire";
import type { RunningWorker } from "./start-worker";
import type { SwitchConnection } from "./switch-port";
import { startTestSimulator, startTestWorker, useTempRecordingDirs } from "./test-harness";

export type Route = ReceiverReply | ((params: Record<string, string>) => ReceiverReply);

export const twiml = (body: string): ReceiverReply => ({ status: 200, body: `<Response>${body}</Response>`, headers: { "Content-Type": "text/xml" } });
export const paramsOf = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body));

export interface CallControlStage {
  readonly sim: Simulator;
  readonly worker: RunningWorker;
  readonly app: Awaited<ReturnType<typeof startWebhookReceiver>>;
  readonly routes: Map<string, Route>;
  /** Every event the worker received. */
  readonly seen: EslEvent[];
  /** Every API command the worker sent (api and bgapi). */
  readonly apis: string[];
  /** The form parameters of each request the application got on `path` for one call. */
  requestsTo(path: string, callId: string): Record<string, string>[];
  /** The data of each application that completed on a call's channel. */
  executed(callId: string, application: string): string[];
  /** What was said on a call (the speak application's text). */
  spokenOn(callId: string): string[];
}

export function useCallControlStage(opts: { switchId?: string } = {}): CallControlStage {
  let sim: Simulator | undefined;
  let worker: RunningWorker | undefined;
  let app: CallControlStage["app"] | undefined;
  const routes = new Map<string, Route>();
  const seen: EslEvent[] = [];
  const apis: string[] = [];

  beforeAll(async () => {
    env.WEBHOOK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"];
    await useTempRecordingDirs();
    app = await startWebhookReceiver((req) => {
      const route = routes.get(new URL(req.url, "http://x").pathname);
      if (!route) return { status: 200, body: "" };
      return typeof route === "function" ? route(paramsOf(req.body)) : route;
    });
    sim = await startTestSimulator({ timeScale: 0.05, recordingsDir: env.FREESWITCH_RECORDINGS_DIR });
    worker = await startTestWorker(sim, opts.switchId ? { switchId: opts.switchId } : {});
    const esl = worker.context.esl as SwitchConnection;
    esl.onEvent((e) => seen.push(e));
    const api = esl.api.bind(esl);
    worker.context.esl.api = (command, o) => {
      apis.push(command);
      return api(command, o);
    };
    const bgapi = esl.bgapi.bind(esl);
    worker.context.esl.bgapi = (command, o) => {
      apis.push(command);
      return bgapi(command, o);
    };
  });

  afterAll(async () => {
    await worker?.stop(5_000);
    await sim?.close();
    await app?.close();
  });

  const executed = (callId: string, application: string) =>
    seen.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === callId && e.get("Application") === application).map((e) => e.get("Application-Data") ?? "");
  return {
    get sim() {
      return sim!;
    },
    get worker() {
      return worker!;
    },
    get app() {
      return app!;
    },
    routes,
    seen,
    apis,
    requestsTo: (path, callId) => app!.received.filter((r) => r.url.startsWith(path) && paramsOf(r.body).CallSid === callId).map((r) => paramsOf(r.body)),
    executed,
    spokenOn: (callId) => executed(callId, "speak").map((d) => d.split("|")[2] ?? ""),
  };
}
