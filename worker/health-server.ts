// GET /health on WORKER_HEALTH_PORT: 200 while the switch link is up, the database answers and the worker is not draining, 503
// otherwise, with every handler's state. A readiness probe, not a liveness one: restarting a worker that waits out a database
// outage would lose the switch events it holds.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { WorkerHandler } from "./registry";

export interface WorkerHealthSnapshot {
  ok: boolean;
  body: Record<string, unknown>;
}

export class HealthServer implements WorkerHandler {
  readonly name = "health-server";
  private server: http.Server | null = null;

  constructor(
    private readonly port: number,
    private readonly snapshot: () => WorkerHealthSnapshot,
    private readonly host = "0.0.0.0",
  ) {}

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method !== "GET" || (path !== "/health" && path !== "/")) {
        res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "not found" }));
        return;
      }
      const { ok, body } = this.snapshot();
      res.writeHead(ok ? 200 : 503, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, this.host, () => resolve());
    });
    this.server = server;
  }

  get address(): AddressInfo | null {
    const a = this.server?.address();
    return a && typeof a === "object" ? a : null;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
