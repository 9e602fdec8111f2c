// The listening side of live call status (see notify-call-changed.ts): one LISTEN connection per process,
// opened on the first subscriber and re-opened with backoff when it drops, fanning notifications out in-process
// to the subscribers of each tenant. Notifications sent while the connection was down are lost, so after a
// reconnect every subscriber gets a `resync` and re-reads what it shows.
import { EventEmitter, on } from "node:events";
import pg from "pg";
import { env } from "@/env";
import { logger } from "@/server/logger";
import { processState } from "@/server/shared/process-state";
import { onShutdown } from "@/server/shutdown";
import { CALL_CHANGED_CHANNEL, decodeCallChange, type CallChange } from "@/server/calls/notify-call-changed";

export type CallFeedEvent = ({ kind: "changed" } & CallChange) | { kind: "resync" };

const RESYNC = "resync";
const MAX_BACKOFF_MS = 10_000;

class CallChangeFeed {
  private readonly emitter = new EventEmitter();
  private client: pg.Client | null = null;
  private connecting = false;
  private attempts = 0;
  private everConnected = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly connectionString: string) {
    // One listener per open subscription; hundreds of portal tabs are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  /** The tenant's call changes (and resyncs) until `signal` aborts. */
  async *subscribe(tenantId: string, signal: AbortSignal): AsyncGenerator<CallFeedEvent> {
    this.ensureConnected();
    const merged = new EventEmitter();
    const forward = (event: CallFeedEvent) => merged.emit("event", event);
    const onResync = () => forward({ kind: RESYNC });
    this.emitter.on(tenantId, forward);
    this.emitter.on(RESYNC, onResync);
    try {
      for await (const [event] of on(merged, "event", { signal })) yield event as CallFeedEvent;
    } catch (e) {
      if (!(e instanceof Error && e.name === "AbortError")) throw e;
    } finally {
      this.emitter.off(tenantId, forward);
      this.emitter.off(RESYNC, onResync);
    }
  }

  /** Whether the LISTEN connection is up (for tests and health). */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Connects now (tests, start-up); resolves once LISTEN is in place. */
  async ready(timeoutMs = 5000): Promise<void> {
    this.ensureConnected();
    const started = Date.now();
    while (!this.listening) {
      if (Date.now() - started > timeoutMs) throw new Error("call change feed: LISTEN connection not ready");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private ensureConnected(): void {
    if (this.closed || this.client || this.connecting || this.retryTimer) return;
    void this.connect();
  }

  private async connect(): Promise<void> {
    this.connecting = true;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: "irisx-call-feed" });
    let dropped = false;
    const drop = (err?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners("notification");
      void client.end().catch(() => undefined);
      if (!this.closed) {
        logger.warn({ err }, "call change feed: LISTEN connection lost; reconnecting");
        this.scheduleReconnect();
      }
    };
    client.on("error", drop);
    client.on("end", () => drop());
    client.on("notification", (msg) => {
      if (msg.channel !== CALL_CHANGED_CHANNEL || !msg.payload) return;
      const change = decodeCallChange(msg.payload);
      if (change) this.emitter.emit(change.tenantId, { kind: "changed", ...change } satisfies CallFeedEvent);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CALL_CHANGED_CHANNEL}`);
      if (dropped) return;
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.connecting = false;
      this.attempts = 0;
      if (this.everConnected) this.emitter.emit(RESYNC);
      this.everConnected = true;
    } catch (err) {
      this.connecting = false;
      drop(err);
    } finally {
      this.connecting = false;
    }
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.closed) return;
    // Full jitter, so many app processes do not reconnect in lockstep after a database restart.
    const delay = Math.random() * Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempts++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref?.();
  }
}

/** The process's feed; created on first use, shared by every route chunk (processState). */
export function callChangeFeed(): CallChangeFeed {
  return processState("call-change-feed", () => {
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
    const feed = new CallChangeFeed(env.DATABASE_URL);
    onShutdown("call-change-feed", () => feed.close());
    return feed;
  });
}

export type { CallChangeFeed };
