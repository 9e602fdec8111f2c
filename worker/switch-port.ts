// The slice of the event-socket client the worker's handlers use. EslClient (worker/esl/client.ts) provides
// it; tests may hand a fake. Keeping the handlers on this narrow surface is what lets them be unit-tested.
import type { EslEvent } from "./esl/wire";

export type SwitchLinkState = "connecting" | "up" | "down";

export interface SwitchPort {
  api(command: string, opts?: { timeoutMs?: number }): Promise<string>;
  /** Resolves with the BACKGROUND_JOB body (`+OK <uuid>\n` or `-ERR CAUSE\n`) of the job with this Job-UUID. */
  bgapi(command: string, opts: { jobUuid: string; timeoutMs?: number }): Promise<string>;
  /** Runs an application on the channel; with `eventUuid`, its CHANNEL_EXECUTE(_COMPLETE) carry it as Application-UUID. */
  sendmsg(uuid: string, app: string, arg?: string, eventUuid?: string): Promise<unknown>;
  /** `sendmsg <uuid>` with another call-command (`unicast`…) and its headers; resolves with the Reply-Text. */
  callCommand?(uuid: string, headers: ReadonlyArray<readonly [string, string]>): Promise<string>;
  readonly linkState: SwitchLinkState;
}

export type SwitchEventListener = (event: EslEvent) => void;

/** Reads the microsecond Event-Date-Timestamp of an event; now when it is missing or garbled. */
export function eventTime(event: EslEvent): Date {
  const us = Number(event.get("Event-Date-Timestamp"));
  return Number.isFinite(us) && us > 0 ? new Date(Math.floor(us / 1000)) : new Date();
}

/** An integer channel variable (billsec, duration, sip_term_status…), or null. */
export function intVariable(event: EslEvent, name: string): number | null {
  const raw = event.variable(name);
  if (raw === undefined || raw === "") return null;
  const n = Number(raw);
  return Number.isInteger(n) ? n : null;
}

/** `+OK …` / `-ERR CAUSE` replies: the cause of an -ERR, or null on success. */
export function errCause(reply: string): string | null {
  const line = reply.trim();
  if (!line.startsWith("-ERR")) return null;
  return line.slice(4).trim().split(/\s+/)[0] || "NORMAL_TEMPORARY_FAILURE";
}

/** The whole connection as the worker process holds it: the commands, plus events, link changes and lifecycle. */
export interface SwitchConnection extends SwitchPort {
  /** Every event, synchronously and in wire order. */
  onEvent(listener: SwitchEventListener): void;
  /** Link changes; `up` follows every (re)connect, after authentication and the event subscription. */
  onLink(listener: (state: SwitchLinkState) => void): void;
  /** Starts connecting (and reconnecting) in the background. */
  start(): void;
  /** Says `exit` and closes; no reconnect afterwards. */
  close(): Promise<void>;
  /** Drops the socket at once, no `exit` (a crash, for tests). */
  destroy(): void;
}
