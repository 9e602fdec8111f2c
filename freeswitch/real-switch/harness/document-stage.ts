// What a real-switch test of call documents sets up: a local server answering each path with its TwiML (routes), a
// voice tenant, and a tap on the switch's events; torn down after the file.
import { afterAll, beforeAll } from "vitest";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { callInbound, createVoiceTenant, EslTap, type VoiceTenant } from "./fixtures";

export type Reply = { status: number; body: string; headers: Record<string, string> };

export const twiml = (body: string): Reply => ({ status: 200, body: `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`, headers: { "Content-Type": "text/xml" } });

export interface DocumentStage {
  routes: Map<string, Reply>;
  readonly app: Awaited<ReturnType<typeof startWebhookReceiver>>;
  readonly tenant: VoiceTenant;
  readonly tap: EslTap;
  /** A SIPp customer calls the tenant's number, whose voice URL is the receiver's `path`. */
  callIn(path: string, caller: string): ReturnType<typeof callInbound>;
  /** The form fields posted to `path` for the call `callSid`. */
  posted(path: string, callSid: string): Record<string, string> | undefined;
}

export function useDocumentStage(events: string[]): DocumentStage {
  const routes = new Map<string, Reply>();
  let app: DocumentStage["app"];
  let tenant: VoiceTenant;
  let tap: EslTap;
  beforeAll(async () => {
    app = await startWebhookReceiver((req) => routes.get(new URL(req.url ?? "/", "http://x").pathname) ?? { status: 404, body: "", headers: {} });
    tenant = await createVoiceTenant({ voiceUrl: "http://127.0.0.1:1/unused" });
    tap = await EslTap.open(events);
  });
  afterAll(async () => {
    await tap?.close();
    await app?.close();
  });
  return {
    routes,
    get app() {
      return app;
    },
    get tenant() {
      return tenant;
    },
    get tap() {
      return tap;
    },
    callIn: (path, caller) => callInbound(tenant, app.url(path), caller),
    posted: (path, callSid) =>
      app.received
        .filter((r) => r.url?.startsWith(path))
        .map((r) => Object.fromEntries(new URLSearchParams(r.body)))
        .find((p) => p.CallSid === callSid),
  };
}
