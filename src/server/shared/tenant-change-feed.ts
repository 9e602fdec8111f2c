// The listening side of a live feed (calls, the inbox): one LISTEN connection per process on one channel
// (PgNotificationListener), opened on the first subscriber and re-opened with backoff when it drops, fanning each
// notification out in-process to the subscribers of its tenant. Notifications sent while the connection was down
// are lost, so after a reconnect every subscriber gets a `resync` and re-reads what it shows.
import { EventEmitter, on } from "node:events";
import { env } from "@/env";
import { logger } from "@/server/logger";
import { PgNotificationListener } from "@/server/shared/pg-notification-listener";
import { processState } from "@/server/shared/process-state";
import { onShutdown } from "@/server/shutdown";

export type ResyncEvent = { kind: "resync" };

const RESYNC = "resync";

export interface TenantChangeFeedOptions<E> {
  /** The NOTIFY channel. */
  channel: string;
  /** PostgreSQL's application_name of the LISTEN connection. */
  applicationName: string;
  /** A notification's tenant and the event its subscribers get; null for one that cannot be read. */
  decode: (payload: string) => { tenantId: string; event: E } | null;
}

export class TenantChangeFeed<E> {
  private readonly emitter = new EventEmitter();
  private readonly listener: PgNotificationListener;

  constructor(
    connectionString: string,
    private readonly opts: TenantChangeFeedOptions<E>,
  ) {
    // One listener per open subscription; hundreds of open tabs are normal, not a leak.
    this.emitter.setMaxListeners(0);
    this.listener = new PgNotificationListener({
      connectionString,
      channels: [opts.channel],
      applicationName: opts.applicationName,
      log: logger,
      onNotification: (_channel, payload) => {
        const decoded = opts.decode(payload);
        if (decoded) this.emitter.emit(decoded.tenantId, decoded.event);
      },
      onReconnect: () => this.emitter.emit(RESYNC),
    });
  }

  /** The tenant's events (and resyncs) until `signal` aborts. */
  async *subscribe(tenantId: string, signal: AbortSignal): AsyncGenerator<E | ResyncEvent> {
    void this.listener.start();
    const merged = new EventEmitter();
    const forward = (event: E | ResyncEvent) => merged.emit("event", event);
    const onResync = () => forward({ kind: RESYNC });
    this.emitter.on(tenantId, forward);
    this.emitter.on(RESYNC, onResync);
    try {
      for await (const [event] of on(merged, "event", { signal })) yield event as E | ResyncEvent;
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
      if (Date.now() - started > timeoutMs) throw new Error(`${this.opts.applicationName}: LISTEN connection not ready`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): Promise<void> {
    return this.listener.stop();
  }
}

/** The process's feed of this name; created on first use, shared by every route chunk (processState), closed on shutdown. */
export function sharedTenantChangeFeed<E>(name: string, opts: TenantChangeFeedOptions<E>): TenantChangeFeed<E> {
  return processState(name, () => {
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
    const feed = new TenantChangeFeed(env.DATABASE_URL, opts);
    onShutdown(name, () => feed.close());
    return feed;
  });
}
