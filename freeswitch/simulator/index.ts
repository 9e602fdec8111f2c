// startSimulator(): the ESL server plus the HTTP control API, for `npm run dev`, tests and benchmarks.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Channel } from "./channel.ts";
import { EslServer } from "./esl-server.ts";
import { SimSwitch } from "./switch.ts";

export interface SimulatorOptions {
  /** ESL port (0 = ephemeral). Default 8021. */
  eslPort?: number;
  eslPassword?: string;
  /** Control API port (0 = ephemeral). Default 8022. */
  controlPort?: number;
  host?: string;
  recordingsDir?: string;
  /** Multiplies every simulated delay: 0.05 runs 20× faster. Default 1. */
  timeScale?: number;
  hostname?: string;
  heartbeatSeconds?: number;
  /** The switch's clock relative to this machine's at start, in seconds (negative: behind). Default 0. */
  clockOffsetSeconds?: number;
  /** sessions-per-second (FreeSWITCH's throttle). Default 300. */
  sessionsPerSecond?: number;
}

export interface Simulator {
  eslPort: number;
  controlUrl: string;
  switch: SimSwitch;
  /** Live channels by uuid. */
  channels: Map<string, Channel>;
  injectInbound(opts: { from: string; to: string; digits?: string; hangupAfterSeconds?: number }): string;
  dropEslConnections(): number;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? "127.0.0.1";
  const sw = new SimSwitch({
    timeScale: opts.timeScale, hostname: opts.hostname, recordingsDir: opts.recordingsDir,
    heartbeatSeconds: opts.heartbeatSeconds, clockOffsetSeconds: opts.clockOffsetSeconds, sessionsPerSecond: opts.sessionsPerSecond,
  });
  const esl = new EslServer(sw, { port: opts.eslPort ?? 8021, host, password: opts.eslPassword ?? "ClueCon" });
  const eslPort = await esl.listen();
  const control = http.createServer((req, res) => void handleControl(sw, esl, req, res));
  await new Promise<void>((resolve, reject) => {
    control.once("error", reject);
    control.listen(opts.controlPort ?? 8022, host, () => resolve());
  });
  const controlPort = (control.address() as AddressInfo).port;
  return {
    eslPort,
    controlUrl: `http://${host}:${controlPort}`,
    switch: sw,
    channels: sw.channels,
    injectInbound: (o) => sw.injectInbound(o).uuid,
    dropEslConnections: () => esl.dropAll(),
    async close() {
      sw.close();
      await esl.close();
      control.closeAllConnections();
      await new Promise<void>((resolve) => control.close(() => resolve()));
    },
  };
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of req) text += chunk;
  if (!text.trim()) return {};
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("body must be a JSON object");
  return parsed as Record<string, unknown>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** The control API (README "Control API"). */
async function handleControl(sw: SimSwitch, esl: EslServer, req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://sim");
  const path = url.pathname;
  try {
    if (req.method === "GET" && path === "/health") {
      return send(res, 200, { ok: true, channels: sw.channels.size, eslConnections: esl.connectionCount, timeScale: sw.timeScale });
    }
    if (req.method === "GET" && path === "/channels") {
      return send(res, 200, {
        channels: [...sw.channels.values()].map((ch) => ({
          uuid: ch.uuid, name: ch.name, direction: ch.direction, state: ch.state, callState: ch.callState,
          answerState: ch.answerState, destination: ch.profile?.destinationNumber, application: ch.application,
          variables: Object.fromEntries([...ch.vars].filter(([k]) => k.startsWith("irisx_"))),
        })),
      });
    }
    if (req.method === "GET" && path === "/heard") {
      // What was spoken to the far end of calls to `to` (all calls without it): text-to-speech a person would hear.
      // Compared by digits: the dial string may carry the number with or without its "+".
      const digits = (n: string | null | undefined) => (n ?? "").replace(/\D/g, "");
      const to = url.searchParams.get("to");
      return send(res, 200, { heard: sw.heard.filter((h) => !to || digits(h.destination) === digits(to)) });
    }
    if (req.method === "POST" && path === "/calls") {
      const body = await readJson(req);
      const from = body.from;
      const to = body.to;
      if (typeof from !== "string" || !from || typeof to !== "string" || !to) {
        return send(res, 400, { error: { code: "BAD_REQUEST", message: "from and to are required strings" } });
      }
      const digits = typeof body.digits === "string" ? body.digits : undefined;
      if (digits !== undefined && !/^[0-9*#A-D]*$/.test(digits)) {
        return send(res, 400, { error: { code: "BAD_REQUEST", message: "digits: only 0-9 * # A-D" } });
      }
      const hangupAfterSeconds = typeof body.hangupAfterSeconds === "number" ? body.hangupAfterSeconds : undefined;
      const ch = sw.injectInbound({ from, to, digits, hangupAfterSeconds });
      return send(res, 201, { uuid: ch.uuid });
    }
    const hangup = /^\/calls\/([^/]+)\/hangup$/.exec(path);
    if (req.method === "POST" && hangup) {
      const ch = sw.channels.get(decodeURIComponent(hangup[1]!));
      if (!ch) return send(res, 404, { error: { code: "NOT_FOUND", message: "no such channel" } });
      sw.remoteBye(ch);
      return send(res, 200, { ok: true });
    }
    if (req.method === "GET" && path === "/dtmf") {
      // DTMF the far end of calls to `to` received (send_dtmf, uuid_send_dtmf), oldest first, as a tester's keypad display.
      const digits = (n: string | null | undefined) => (n ?? "").replace(/\D/g, "");
      const to = url.searchParams.get("to");
      const uuid = url.searchParams.get("uuid");
      return send(res, 200, {
        dtmf: sw.received.filter((r) => (!to || digits(r.destination) === digits(to)) && (!uuid || r.uuid === uuid)),
      });
    }
    const farEnd = /^\/calls\/([^/]+)\/(dtmf|talk)$/.exec(path);
    if (req.method === "POST" && farEnd) {
      const ch = sw.channels.get(decodeURIComponent(farEnd[1]!));
      if (!ch) return send(res, 404, { error: { code: "NOT_FOUND", message: "no such channel" } });
      const body = await readJson(req);
      if (farEnd[2] === "dtmf") {
        const pressed = body.digits;
        if (typeof pressed !== "string" || !/^[0-9*#A-D]+$/.test(pressed)) {
          return send(res, 400, { error: { code: "BAD_REQUEST", message: "digits: one or more of 0-9 * # A-D" } });
        }
        sw.pressDigits(ch, pressed);
        return send(res, 200, { ok: true });
      }
      const seconds = body.seconds;
      if (typeof seconds !== "number" || !(seconds > 0 && seconds <= 3600)) {
        return send(res, 400, { error: { code: "BAD_REQUEST", message: "seconds: a number above 0, at most 3600" } });
      }
      sw.farEndTalks(ch, seconds);
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && path === "/esl/drop") {
      return send(res, 200, { dropped: esl.dropAll() });
    }
    if (req.method === "POST" && path === "/reset") {
      sw.reset();
      return send(res, 200, { ok: true });
    }
    return send(res, 404, { error: { code: "NOT_FOUND", message: `${req.method} ${path}` } });
  } catch (err) {
    return send(res, 400, { error: { code: "BAD_REQUEST", message: (err as Error).message } });
  }
}
