// The control API of the stack (served by the suite's global setup, which owns the processes): the test files
// crash, stop and restart the worker and the switch, and drop the event-socket link, through it.
import { createServer, type Server } from "node:http";
import type { Stack } from "./stack";

type Action = (stack: Stack) => Promise<unknown>;

const ACTIONS: Record<string, Action> = {
  "worker/kill": (s) => s.worker.kill(),
  "worker/stop": (s) => s.worker.stop(),
  "worker/start": (s) => s.worker.start(),
  "switch/crash": (s) => s.freeswitch.crash(),
  "switch/shutdown": (s) => s.freeswitch.shutdown(),
  "switch/start": (s) => s.freeswitch.start(),
  "esl/cut": async (s) => s.eslProxy.cut(),
  "esl/down": async (s) => s.eslProxy.goDown(),
  "esl/up": async (s) => s.eslProxy.up(),
  "worker/twin": (s) => s.runTwinWorker(40_000),
  "db/stop": (s) => s.stopDatabase(),
  "db/start": (s) => s.startDatabase(),
  // One allocator for every test file (files run as threads of one process, so nothing process-local is unique):
  // RTP ports for a test's own SIPp, 10 apart for SIPp's RTCP and streams, round robin through the block.
  "sipp/media-port": async (s) => s.nextSippMediaPort(),
  "carrier/restart": async (s) => {
    await s.carrier.stop();
    s.startCarrier();
  },
};

export function serveControl(stack: Stack, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const name = (req.url ?? "").replace(/^\/+/, "");
    const action = req.method === "POST" ? ACTIONS[name] : undefined;
    if (!action) {
      res.writeHead(404).end(JSON.stringify({ error: `no action ${name}` }));
      return;
    }
    action(stack).then(
      (result) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ok: true, result: result ?? null })),
      (err: unknown) => res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ ok: false, error: String(err) })),
    );
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

export type ControlAction = keyof typeof ACTIONS;
