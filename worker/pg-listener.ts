// LISTEN on PostgreSQL channels (irisx_call_queued, irisx_call_end_requested) over one dedicated connection,
// reconnecting with backoff when it drops. Notifications only wake loops that also poll, so a missed one
// (during a reconnect) costs latency, never correctness.
import pg from "pg";
import type { Logger } from "@/server/logger";
import type { WorkerHandler } from "./registry";

export type NotificationHandler = (payload: string) => void;

export class PgListener implements WorkerHandler {
  readonly name = "pg-listener";
  private client: pg.Client | null = null;
  private readonly handlers = new Map<string, NotificationHandler[]>();
  private stopped = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  connected = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {}

  on(channel: string, handler: NotificationHandler): void {
    const list = this.handlers.get(channel) ?? [];
    list.push(handler);
    this.handlers.set(channel, list);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on("notification", (msg) => {
      for (const h of this.handlers.get(msg.channel) ?? []) {
        try {
          h(msg.payload ?? "");
        } catch (err) {
          this.log.error({ err, channel: msg.channel }, "notification handler failed");
        }
      }
    });
    client.on("error", (err) => {
      this.log.warn({ err }, "LISTEN connection error");
      this.dropAndRetry(client);
    });
    client.on("end", () => this.dropAndRetry(client));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN "${channel.replace(/"/g, "")}"`);
      this.client = client;
      this.connected = true;
      this.attempt = 0;
    } catch (err) {
      this.log.warn({ err }, "LISTEN connection failed");
      this.dropAndRetry(client);
    }
  }

  private dropAndRetry(client: pg.Client): void {
    if (this.client === client) this.client = null;
    this.connected = false;
    client.removeAllListeners("end");
    client.end().catch(() => undefined);
    if (this.stopped || this.retryTimer) return;
    const delay = Math.min(30_000, 250 * 2 ** this.attempt++) * Math.random();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.connected = false;
    if (client) {
      client.removeAllListeners("end");
      await client.end().catch(() => undefined);
    }
  }

  health(): Record<string, unknown> {
    return { connected: this.connected };
  }
}
