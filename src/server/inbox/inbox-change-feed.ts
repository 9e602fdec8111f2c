// The listening side of the live inbox (see notify-inbox-changed.ts): one LISTEN connection per process, opened on
// the first subscriber and re-opened with backoff when it drops, fanning changes out to the tenant's subscribers.
// Changes sent while the connection was down are lost, so after a reconnect every subscriber gets a `resync`.
import { EventEmitter, on } from "node:events";
import { env } from "@/env";
import { logger } from "@/server/logger";
import { PgNotificationListener } from "@/server/shared/pg-notification-listener";
import { processState } from "@/server/shared/process-state";
import { onShutdown } from "@/server/shutdown";
import { INBOX_CHANGED_CHANNEL, decodeInboxChange, type InboxChange } from "@/server/inbox/notify-inbox-changed";

export type InboxFeedEvent = { kind: "changed"; change: InboxChange } | { kind: "resync" };

const RESYNC = "resync";

class InboxChangeFeed {
  private readonly emitter = new EventEmitter();
  private readonly listener: PgNotificationListener;

  constructor(connectionString: string) {
    this.emitter.setMaxListeners(0);
    this.listener = new PgNotificationListener({
      connectionString,
      channels: [INBOX_CHANGED_CHANNEL],
      applicationName: "irisx-inbox-feed",
      log: logger,
      onNotification: (_channel, payload) => {
        const change = decodeInboxChange(payload);
        if (change) this.emitter.emit(change.tenantId, { kind: "changed", change } satisfies InboxFeedEvent);
      },
      onReconnect: () => this.emitter.emit(RESYNC),
    });
  }

  async *subscribe(tenantId: string, signal: AbortSignal): AsyncGenerator<InboxFeedEvent> {
    void this.listener.start();
    const merged = new EventEmitter();
    const forward = (event: InboxFeedEvent) => merged.emit("event", event);
    const onResync = () => forward({ kind: RESYNC });
    this.emitter.on(tenantId, forward);
    this.emitter.on(RESYNC, onResync);
    try {
      for await (const [event] of on(merged, "event", { signal })) yield event as InboxFeedEvent;
    } catch (e) {
      if (!(e instanceof Error && e.name === "AbortError")) throw e;
    } finally {
      this.emitter.off(tenantId, forward);
      this.emitter.off(RESYNC, onResync);
    }
  }

  get listening(): boolean {
    return this.listener.connected;
  }

  async ready(timeoutMs = 5000): Promise<void> {
    void this.listener.start();
    const started = Date.now();
    while (!this.listening) {
      if (Date.now() - started > timeoutMs) throw new Error("inbox change feed: LISTEN connection not ready");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): Promise<void> {
    return this.listener.stop();
  }
}

/** The process's feed; created on first use, shared by every route chunk. */
export function inboxChangeFeed(): InboxChangeFeed {
  return processState("inbox-change-feed", () => {
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
    const feed = new InboxChangeFeed(env.DATABASE_URL);
    onShutdown("inbox-change-feed", () => feed.close());
    return feed;
  });
}

export type { InboxChangeFeed };
