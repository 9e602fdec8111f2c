// A local HTTP receiver for webhook tests: records every request and answers with whatever the test says.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type ReceiverReply = { status: number; body?: string; headers?: Record<string, string> } | "hang";

export async function startWebhookReceiver(reply: (req: ReceivedWebhook, index: number) => ReceiverReply) {
  const received: ReceivedWebhook[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      const answer = reply(request, received.length - 1);
      if (answer === "hang") {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? "");
    });
  });
  let connections = 0;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = "/hooks") => `http://127.0.0.1:${port}${path}`,
    received,
    /** TCP connections accepted, including ones that never became an HTTP request. */
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
