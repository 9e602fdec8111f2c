// What the real-switch test files share: the stack's addresses, its control API, a tenant with a number and an
// API key made through the real use-cases, the REST API as a client sees it, and an event-socket tap that shows
// exactly which applications (and arguments) the switch executed.
import { randomInt } from "node:crypto";
import { describe, inject } from "vitest";
import { EslClient } from "../../../worker/esl/client";
import type { EslEvent } from "../../../worker/esl/wire";
import type { StackInfo } from "./stack";
import type { ControlAction } from "./control";
import type { Actor } from "@/server/tenancy";
import { waitFor as pollUntil } from "@/test/wait-for";

export function stackInfo(): StackInfo {
  const info = inject("realSwitch");
  if (!info) throw new Error("the real-switch stack is not running");
  return info;
}

/** A describe block that runs only when the stack runs (global-setup.ts says loudly why it does not). */
export function describeRealSwitch(name: string, fn: () => void): void {
  describe.skipIf(!inject("realSwitch"))(name, fn);
}

export async function control(action: ControlAction): Promise<unknown> {
  const res = await fetch(`${stackInfo().controlUrl}/${action}`, { method: "POST", signal: AbortSignal.timeout(120_000) });
  const body = (await res.json()) as { ok: boolean; result?: unknown; error?: string };
  if (!body.ok) throw new Error(`control ${action} failed: ${body.error}`);
  return body.result;
}

/** A North American number nobody else in this run has (555 exchange, random line). */
export function uniqueNumber(): string {
  return `+1415555${String(randomInt(0, 10_000)).padStart(4, "0")}`;
}

/** A SIP port and an RTP port for one SIPp process of a test (RTP from the stack's one allocator). */
export async function sippPorts(): Promise<{ port: number; mediaPort: number }> {
  const { freeTcpUdpPort } = await import("../../../scripts/lib/free-port");
  // SIPp listens on UDP: a port free for TCP is not enough.
  return { port: await freeTcpUdpPort(), mediaPort: Number(await control("sipp/media-port")) };
}

export interface VoiceTenant {
  tenantId: string;
  /** <slug>.SIP_DOMAIN: the realm the tenant's phones register in. */
  sipDomain: string;
  accountSid: string;
  authToken: string;
  number: string;
  numberId: string;
  bearer: string;
  apiKeyId: string;
  apiKeySecret: string;
  /** The owner, for use-cases the REST API does not expose (SIP users). */
  actor: Actor;
}

/** A tenant with one voice number (optionally routed to `voiceUrl`) and an API key with every scope. */
export async function createVoiceTenant(opts: { voiceUrl?: string; callsPerSecond?: number; maxConcurrentCalls?: number } = {}): Promise<VoiceTenant> {
  const [{ createTestTenant, givePhoneNumber }, { createApiKey }, { getTwilioCredentials }, { db }] = await Promise.all([
    import("@/test/factories"),
    import("@/server/api-keys/create-api-key"),
    import("@/server/account/get-twilio-credentials"),
    import("@/server/db"),
  ]);
  const { tenant, actor } = await createTestTenant({ name: "Real Switch Co" });
  // A slug that is a valid host name label: phones register as user@<slug>.<SIP_DOMAIN>.
  const slug = `rs-${tenant.id.slice(-10).toLowerCase()}`;
  await db.tenant.update({ where: { id: tenant.id }, data: { slug } });
  if (opts.callsPerSecond !== undefined || opts.maxConcurrentCalls !== undefined) {
    await db.tenant.update({ where: { id: tenant.id }, data: { callsPerSecond: opts.callsPerSecond, maxConcurrentCalls: opts.maxConcurrentCalls } });
  }
  let number: Awaited<ReturnType<typeof givePhoneNumber>> | null = null;
  for (let attempt = 0; !number; attempt++) {
    try {
      number = await givePhoneNumber(tenant.id, { phoneNumber: uniqueNumber(), voiceUrl: opts.voiceUrl ?? null });
    } catch (err) {
      if (attempt > 5) throw err;
    }
  }
  const key = await createApiKey(actor, { name: "real-switch", scopes: ["*"] });
  const credentials = await getTwilioCredentials(actor);
  return {
    tenantId: tenant.id,
    sipDomain: `${slug}.${stackInfo().sipDomain}`,
    accountSid: credentials.accountSid,
    authToken: credentials.authToken,
    number: number.phoneNumber,
    numberId: number.id,
    bearer: key.bearerToken,
    apiKeyId: key.apiKey.id,
    apiKeySecret: key.secret,
    actor,
  };
}

export async function rest<T = Record<string, unknown>>(tenant: VoiceTenant, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stackInfo().appUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${tenant.bearer}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export interface ApiCall {
  id: string;
  status: string;
  answered_by?: string | null;
  [field: string]: unknown;
}

export async function placeCall(tenant: VoiceTenant, input: Record<string, unknown>): Promise<ApiCall> {
  const res = await rest<ApiCall>(tenant, "POST", "/api/v1/calls", { from: tenant.number, ...(input.url || input.instructions ? {} : { instructions: [{ pause: 60 }] }), ...input });
  if (res.status !== 201) throw new Error(`POST /api/v1/calls answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const FINAL_STATUSES = ["completed", "busy", "failed", "no-answer", "canceled"];

/** Polls `check` until it returns a truthy value (returned), or fails after `timeoutMs`. */
/**
 * A customer calling the tenant's number from `caller` (a SIPp caller hanging up after `hangupAfterMs` at the latest),
 * the number's voice URL set to `voiceUrl` first; the inbound call once stored.
 */
export async function callInbound(tenant: VoiceTenant, voiceUrl: string, caller: string, hangupAfterMs = 40_000) {
  const { db } = await import("@/server/db");
  const { placeInboundCall } = await import("./sipp");
  await db.phoneNumber.updateMany({ where: { tenantId: tenant.tenantId }, data: { voiceUrl } });
  const info = stackInfo();
  const run = placeInboundCall({ target: `127.0.0.1:${info.externalSipPort}`, did: tenant.number, caller, hangupAfterMs, ...(await sippPorts()), workDir: `${info.workDir}/sipp` });
  const call = await waitFor(`the call from ${caller}`, () => db.call.findFirst({ where: { tenantId: tenant.tenantId, direction: "INBOUND", from: caller }, orderBy: { createdAt: "desc" } }));
  return { run, call, db };
}

export function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  return pollUntil(what, check, timeoutMs, everyMs);
}

export async function getCall(tenant: VoiceTenant, callId: string): Promise<ApiCall> {
  const res = await rest<ApiCall>(tenant, "GET", `/api/v1/calls/${callId}`);
  if (res.status !== 200) throw new Error(`GET call ${callId}: ${res.status}`);
  return res.body;
}

export function waitForStatus(tenant: VoiceTenant, callId: string, statuses: string[], timeoutMs = 30_000): Promise<ApiCall> {
  return waitFor(`call ${callId} to be ${statuses.join("|")}`, async () => {
    const call = await getCall(tenant, callId);
    return statuses.includes(call.status) ? call : null;
  }, timeoutMs);
}

export function waitForFinal(tenant: VoiceTenant, callId: string, timeoutMs = 30_000): Promise<ApiCall> {
  return waitForStatus(tenant, callId, FINAL_STATUSES, timeoutMs);
}

/** The call's CDR and timeline, straight from the database. */
export async function callRecordOf(callId: string) {
  const { db } = await import("@/server/db");
  return db.callRecord.findUnique({ where: { callId } });
}

export async function callEventsOf(callId: string) {
  const { db } = await import("@/server/db");
  return db.callEvent.findMany({ where: { callId }, orderBy: { sequence: "asc" } });
}

export async function ledgerOf(callId: string) {
  const { db } = await import("@/server/db");
  // A call's debit names the call in its reason (close-call.ts).
  return db.creditLedgerEntry.findMany({ where: { reason: { startsWith: `call ${callId} ` } } });
}

/**
 * A second event-socket connection of the test's own, straight to the switch: it records the applications the
 * switch executed (CHANNEL_EXECUTE's Application and Application-Data, after the switch's own expansion) and
 * runs api commands.
 */
export class EslTap {
  readonly events: EslEvent[] = [];
  private readonly client: EslClient;

  private constructor(events: string[]) {
    const info = stackInfo();
    this.client = new EslClient({ host: "127.0.0.1", port: info.eslPort, password: info.eslPassword, events, heartbeatTimeoutMs: 0 });
    this.client.on("event", (e) => this.events.push(e));
  }

  static async open(events = ["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP_COMPLETE", "PLAYBACK_START", "PLAYBACK_STOP"]): Promise<EslTap> {
    const tap = new EslTap(events);
    tap.client.start();
    await tap.client.waitUntilUp(10_000);
    return tap;
  }

  api(command: string): Promise<string> {
    return this.client.api(command, { timeoutMs: 10_000 });
  }

  /** The applications executed on channels of this call (variable irisx_call_id), in order. */
  executed(callId: string): { app: string; data: string }[] {
    return this.events
      .filter((e) => e.name === "CHANNEL_EXECUTE" && e.variable("irisx_call_id") === callId)
      .map((e) => ({ app: e.get("Application") ?? "", data: e.get("Application-Data") ?? "" }));
  }

  close(): Promise<void> {
    return this.client.close(0);
  }
}
