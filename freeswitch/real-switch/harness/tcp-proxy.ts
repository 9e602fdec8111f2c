// A TCP proxy between the worker and the switch's event socket, so a test can drop the link the way a network
// does (both sides see the connection close) while the switch and its calls stay up.
import net from "node:net";

export class TcpProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  /** While down, new connections are closed at once (the network between worker and switch is gone). */
  private down = false;
  cuts = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = "127.0.0.1",
  ) {
    this.server = net.createServer((client) => {
      if (this.down) return void client.destroy();
      const upstream = net.connect(this.targetPort, this.targetHost);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on("error", close).on("close", close);
      upstream.on("error", close).on("close", close);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
  }

  /** Drops every connection now; new ones are accepted again at once. */
  cut(): number {
    const n = this.pairs.size;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
    this.cuts++;
    return n;
  }

  /** Drops every connection and refuses new ones until up(). */
  goDown(): number {
    this.down = true;
    return this.cut();
  }

  up(): void {
    this.down = false;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
