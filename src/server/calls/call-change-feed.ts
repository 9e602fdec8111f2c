// The listening side of live call status (see notify-call-changed.ts): one LISTEN connection per process
// (PgNotificationListener), opened on the first subscriber and re-opened with backoff when it drops, fanning notifications out in-process
// to the subscribers of each tenant. Notifications sent while the connection was down are lost, so after a
// reconnect every subscriber gets a `resync` and re-reads what it shows.
import { EventEmitter, on } from "node:events";
import { env } from "@/env";
import { logger } from "@/server/logger";
import { PgNotificationListener } from "@/server/shared/pg-notification-listener";
import { processState } from "@/server/shared/process-state";
import { onShutdown } from "@/server/shutdown";
import { CALL_CHANGED_CHANNEL, decodeCallChange, type CallChange } from "@/server/calls/notify-call-changed";

export type CallFeedEvent = ({ kind: "changed" } & CallChange) | { kind: "resync" };

const RESYNC = "resync";

class CallChangeFeed {
  private readonly emitter = new EventEmitter();
  private readonly listener: PgNotificationListener;

  constructor(connectionString: string) {
    // One listener per open subscription; hundreds of portal tabs are normal, not a leak.
    this.emitter.setMaxListeners(0);
    this.listener = new PgNotificationListener({
      connectionString,
      channels: [CALL_CHANGED_CHANNEL],
      applicationName: "irisx-call-feed",
      log: logger,
      onNotification: (_channel, payload) => {
        const change = decodeCallChange(payload);
        if (change) this.emitter.emit(change.tenantId, { kind: "changed", ...change } satisfies CallFeedEvent);
      },
      onReconnect: () => this.emitter.emit(RESYNC),
    });
  }

  /** The tenant's call changes (and resyncs) until `signal` aborts. */
  async *subscribe(tenantId: string, signal: AbortSignal): AsyncGenerator<CallFeedEvent> {
    void this.listener.start();
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
    return this.listener.connected;
  }

  /** Connects now (tests, start-up); resolves once LISTEN is in place. */
  async ready(timeoutMs = 5000): Promise<void> {
    void this.listener.start();
    const started = Date.now();
    while (!this.listening) {
      if (Date.now() - started > timeoutMs) throw new Error("call change feed: LISTEN connection not ready");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): Promise<void> {
    return this.listener.stop();
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
