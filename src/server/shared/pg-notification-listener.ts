// One dedicated PostgreSQL connection that LISTENs on a fixed set of channels, re-opened with full-jitter backoff
// whenever it drops (so many processes do not reconnect in lockstep after a database restart). Notifications sent
// while it was down are lost: `onReconnect` tells the owner, who re-reads or relies on its own polling.
// Used by the app's live call feed and by the worker's wake-ups.
import pg from "pg";
import type { Logger } from "@/server/logger";

export interface PgNotificationListenerOptions {
  connectionString: string;
  channels: readonly string[];
  onNotification: (channel: string, payload: string) => void;
  /** After every connect but the first. */
  onReconnect?: () => void;
  log: Logger;
  /** Shows in pg_stat_activity. */
  applicationName?: string;
  maxBackoffMs?: number;
}

export class PgNotificationListener {
  private client: pg.Client | null = null;
  private connecting = false;
  private attempts = 0;
  private everConnected = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly opts: PgNotificationListenerOptions) {}

  /** Whether LISTEN is in place right now. */
  get connected(): boolean {
    return this.client !== null;
  }

  /** Opens the connection unless it is open, opening or waiting to retry; resolves after this attempt. */
  async start(): Promise<void> {
    this.closed = false;
    if (this.client || this.connecting || this.retryTimer) return;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.connecting = true;
    const client = new pg.Client({ connectionString: this.opts.connectionString, application_name: this.opts.applicationName });
    let dropped = false;
    const drop = (err?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners("notification");
      void client.end().catch(() => undefined);
      if (!this.closed) {
        this.opts.log.warn({ err, applicationName: this.opts.applicationName }, "LISTEN connection lost; reconnecting");
        this.scheduleReconnect();
      }
    };
    client.on("error", drop);
    client.on("end", () => drop());
    client.on("notification", (msg) => {
      try {
        this.opts.onNotification(msg.channel, msg.payload ?? "");
      } catch (err) {
        this.opts.log.error({ err, channel: msg.channel }, "notification handler failed");
      }
    });
    try {
      await client.connect();
      for (const channel of this.opts.channels) await client.query(`LISTEN "${channel.replace(/"/g, "")}"`);
      if (dropped) return;
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.attempts = 0;
      if (this.everConnected) this.opts.onReconnect?.();
      this.everConnected = true;
    } catch (err) {
      drop(err);
    } finally {
      this.connecting = false;
    }
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.closed) return;
    const delay = Math.random() * Math.min(this.opts.maxBackoffMs ?? 10_000, 250 * 2 ** this.attempts++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref?.();
  }
}
