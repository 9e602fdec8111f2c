// Applications the platform serves itself, addressed by `irisx:` URLs in a voice document (a flow step, a voicemail
// box). The worker's fetch command sends a request for an `irisx:` URL here instead of over HTTP; the answer is a
// voice document, or an error with Twilio's code, exactly as a tenant's own URL would give. Each application checks
// that what the URL names belongs to the call's tenant (another tenant's id is "not found": 11200).
import type { TVoiceDocument } from "@/server/voice-documents/voice-document.schemas";
import { voicemailApp } from "@/server/voicemail/voicemail-app";
import { serveFlowStep } from "@/server/ivr-flows/serve-flow-step";

export const INTERNAL_SCHEME = "irisx:";

export interface InternalAppRequest {
  tenantId: string;
  callId: string;
  /** The URL after `irisx:<app>/`, e.g. `<flowVersionId>/<nodeId>` for `irisx:flow/<flowVersionId>/<nodeId>`. */
  path: string;
  query: URLSearchParams;
  /** The request parameters, Twilio's names (CallSid, From, Digits, RecordingSid …). */
  params: Record<string, string>;
}

export type InternalAppResult = { ok: true; document: TVoiceDocument } | { ok: false; code: number; message: string };

export type InternalApp = (request: InternalAppRequest) => Promise<InternalAppResult>;

/** The applications by name (the first path segment). Each domain adds its own. */
const APPS: Record<string, InternalApp> = {
  voicemail: voicemailApp,
  flow: serveFlowStep,
};

export function isInternalUrl(url: string): boolean {
  return url.startsWith(INTERNAL_SCHEME);
}

export async function serveInternalApp(input: { tenantId: string; callId: string; url: string; params: Record<string, string> }): Promise<InternalAppResult> {
  const rest = input.url.slice(INTERNAL_SCHEME.length);
  const [pathPart = "", queryPart = ""] = rest.split("?", 2);
  const slash = pathPart.indexOf("/");
  const name = slash < 0 ? pathPart : pathPart.slice(0, slash);
  const app = Object.hasOwn(APPS, name) ? APPS[name] : undefined;
  if (!app) return { ok: false, code: 11200, message: `${input.url}: no such platform application` };
  return app({ tenantId: input.tenantId, callId: input.callId, path: slash < 0 ? "" : pathPart.slice(slash + 1), query: new URLSearchParams(queryPart), params: input.params });
}
