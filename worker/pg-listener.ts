// The worker's LISTEN connection (irisx_call_changed, irisx_call_end_requested): the shared reconnecting
// PgNotificationListener as a worker handler. Notifications only wake loops that also poll, so one missed during a
// reconnect costs latency, never correctness.
import type { Logger } from "@/server/logger";
import { PgNotificationListener } from "@/server/shared/pg-notification-listener";
import type { WorkerHandler } from "./registry";

export type NotificationHandler = (payload: string) => void;

export class PgListener implements WorkerHandler {
  readonly name = "pg-listener";
  private readonly handlers = new Map<string, NotificationHandler[]>();
  private listener: PgNotificationListener | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {}

  /** Registers a handler; call before start (the channels are LISTENed on at connect). */
  on(channel: string, handler: NotificationHandler): void {
    const list = this.handlers.get(channel) ?? [];
    list.push(handler);
    this.handlers.set(channel, list);
  }

  get connected(): boolean {
    return this.listener?.connected ?? false;
  }

  async start(): Promise<void> {
    this.listener = new PgNotificationListener({
      connectionString: this.connectionString,
      channels: [...this.handlers.keys()],
      applicationName: "irisx-worker",
      log: this.log,
      maxBackoffMs: 30_000,
      onNotification: (channel, payload) => {
        for (const handler of this.handlers.get(channel) ?? []) handler(payload);
      },
    });
    await this.listener.start();
  }

  async stop(): Promise<void> {
    await this.listener?.stop();
  }

  health(): Record<string, unknown> {
    return { connected: this.connected };
  }
}
