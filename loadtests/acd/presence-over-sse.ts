// bench:acd's presence phase over real HTTP: `next start` on the production build, SUBSCRIBERS supervisor dashboards
// each holding the agents.onChange subscription as the wallboard and the agent grid open it (server-sent events,
// with a session cookie), and the benchmark moving one agent's state CHANGES times; each change is timed from its
// commit to the moment each of the streams has it. Each app instance holds one LISTEN and fans the NOTIFY out to its
// subscriptions (agent-change-feed.ts), as in production; with several instances the dashboards are spread over them.
import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { buildOnce, startNextServer } from "../lib/harness.ts";
import { readSse } from "../lib/sse.ts";

export interface SsePresenceInput {
  databaseUrl: string;
  tenantId: string;
  moverAgentId: string;
  subscribers: number;
  changes: number;
  /** App instances (`next start` each, one LISTEN each), the dashboards spread over them as a load balancer would. */
  ports: number[];
  /** Commits one state change of the mover (the benchmark's db and setAgentState). */
  change: (i: number) => Promise<void>;
  /** Makes the supervisor whose session the dashboards use. */
  createSupervisor: () => Promise<{ userId: string; email: string }>;
}

export interface SsePresenceResult {
  deliveries: number[];
  expected: number;
  connected: number;
}

/** One dashboard's stream: `onMover` each time an event names the mover, with the time it was read. */
function follow(url: string, cookie: string, mover: string, signal: AbortSignal, onMover: (at: number) => void): Promise<boolean> {
  const needle = `"agentId":"${mover}"`;
  return readSse(url, cookie, signal, (block, at) => block.includes(needle) && onMover(at));
}

export async function presenceOverSse(input: SsePresenceInput): Promise<SsePresenceResult> {
  buildOnce();
  const secret = randomBytes(32).toString("hex");
  const servers = await Promise.all(input.ports.map((port) => startNextServer({ port, databaseUrl: input.databaseUrl, env: { NEXTAUTH_SECRET: secret } })));
  const abort = new AbortController();
  try {
    const supervisor = await input.createSupervisor();
    const jwt = await encode({ secret, token: { id: supervisor.userId, email: supervisor.email, name: "Bench Supervisor", isPlatformStaff: false, sessionVersion: 0, mfa: false, sid: randomUUID() } });
    const cookie = `next-auth.session-token=${jwt}`;
    const urls = servers.map((server) => `${server.base}/api/trpc/agents.onChange`);
    // Change k started at started[k]; each stream counts the mover's events, so its k-th (after the warm-up) is change k.
    const started: number[] = [];
    const deliveries: number[] = [];
    const arrived: number[] = [];
    let waiter: (() => void) | null = null;
    let connected = 0;
    const seenBy = new Array<number>(input.subscribers).fill(0);
    const opened = await Promise.all(
      Array.from({ length: input.subscribers }, (_, s) =>
        follow(urls[s % urls.length]!, cookie, input.moverAgentId, abort.signal, (at) => {
          const k = seenBy[s]!++ - 1; // the first event is the warm-up change
          if (k === -1) {
            connected++;
            if (connected === input.subscribers) waiter?.();
            return;
          }
          const t = started[k];
          if (t === undefined) return;
          deliveries.push(at - t);
          arrived[k] = (arrived[k] ?? 0) + 1;
          if (arrived[k] === input.subscribers) waiter?.();
        }),
      ),
    );
    if (opened.some((ok) => !ok)) throw new Error(`${opened.filter((ok) => !ok).length} of ${input.subscribers} subscriptions were refused`);
    // Warm-up: a change every stream must see before the measured ones (each stream is connected and subscribed).
    for (let attempt = 0; attempt < 10 && connected < input.subscribers; attempt++) {
      const all = new Promise<void>((r) => (waiter = r));
      if (attempt === 0) await input.change(-1);
      await Promise.race([all, new Promise((r) => setTimeout(r, 1_000))]);
    }
    if (connected < input.subscribers) throw new Error(`only ${connected} of ${input.subscribers} streams saw the warm-up change`);
    for (let i = 0; i < input.changes; i++) {
      const all = new Promise<void>((r) => (waiter = r));
      started[i] = performance.now();
      await input.change(i);
      await Promise.race([all, new Promise((r) => setTimeout(r, 5_000))]);
    }
    return { deliveries, expected: input.changes * input.subscribers, connected };
  } finally {
    abort.abort();
    await Promise.all(servers.map((server) => server.stop()));
  }
}
