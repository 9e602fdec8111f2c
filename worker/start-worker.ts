// One worker process for one switch, assembled from its handlers. `startWorker` is what `npm run worker`
// (main.ts), the tests and the benchmarks run. It first takes the switch's lease (switch-lease-keeper.ts): while
// another live worker holds it, startWorker throws SwitchLeaseHeldError and starts nothing. `stop` drains (stop
// claiming, finish in-flight database work and due status callbacks, all within a deadline), releases the lease,
// then closes the event socket with `exit`. Live calls stay up on FreeSWITCH; the next worker for this switch
// adopts them through reconcile.
import { startCallbackSender } from "@/server/calls/callbacks/send-due-callbacks";
import { CALL_CHANGED_CHANNEL, decodeCallChange, flushCallChanges } from "@/server/calls/notify-call-changed";
import { CALL_END_REQUESTED_CHANNEL } from "@/server/calls/update-call";
import { db as defaultDb, type Db } from "@/server/db";
import { logger as rootLogger, type Logger } from "@/server/logger";
import { newId } from "@/server/shared/ids";
import { env } from "@/env";
import { CallEventRouter } from "./call-events";
import { ConferenceEvents } from "./conference-events";
import { DatabaseLink } from "./database-link";
import { batchVoicePort, limitVoicePort, Semaphore } from "./db-limit";
import type { EslEvent } from "./esl/wire";
import { ChannelTable } from "./channel-table";
import { BackgroundWork, type WorkerContext } from "./context";
import { EndRequestHandler } from "./end-requests";
import { HealthServer, type WorkerHealthSnapshot } from "./health-server";
import { MediaCache } from "./call-control/media-cache";
import { Heartbeat } from "./heartbeat";
import { KeyedSerialQueue } from "./keyed-serial-queue";
import { Originator } from "./originator";
import { PgListener } from "./pg-listener";
import { QueueExpiry } from "./queue-expiry";
import { AcdDispatcher } from "./acd/acd-dispatcher";
import { AgentRegistrations } from "./acd/agent-registrations";
import { SupervisorMonitors } from "./acd/supervisor-monitors";
import { ClaimGate, Reconciler } from "./reconcile";
import { HandlerRegistry, type WorkerHandler } from "./registry";
import { SwitchLeaseKeeper, type SwitchLeaseLostError } from "./switch-lease-keeper";
import { eventTime, type SwitchConnection, type SwitchLinkState } from "./switch-port";
import type { VoicePort } from "./voice-port";
import { createVoiceUseCases } from "./voice-use-cases";
import { SessionMetrics } from "./call-control/session-metrics";
import { createSpeechPort } from "./call-control/speech-port";

export interface StartWorkerOptions {
  switchId: string;
  /** A fresh id per process unless given ("wrk_…"). */
  workerId?: string;
  /** The event-socket connection (connectSwitch in main.ts, or a test's). Not started yet: startWorker starts it. */
  connection: SwitchConnection;
  databaseUrl: string;
  db?: Db;
  /** FREESWITCH_RECORDINGS_DIR. */
  recordingsDir: string;
  /** FREESWITCH_MEDIA_DIR (default: env's). */
  mediaDir?: string;
  defaultGateway: string;
  /** APP_URL unless given: the app's public base URL, for the recording URLs tenants' actions receive. */
  appUrl?: string;
  /** WORKER_HEALTH_PORT; 0 picks a free port; undefined: no health endpoint. */
  healthPort?: number;
  /** Heartbeat and lease renewal interval (default 5 s). */
  heartbeatMs?: number;
  /** WORKER_LEASE_SECONDS: the switch's lease lapses this long after its last renewal (default 15 s, at least two heartbeats). */
  leaseTtlMs?: number;
  originatePollMs?: number;
  endRequestPollMs?: number;
  /** How often queued calls past their queue deadline are failed (default 1 s); runs whether the switch link is up or not. */
  queueExpiryPollMs?: number;
  /** ACD: how often waiting callers are routed when nothing wakes the loop (default ACD_TICK_MS), and agents settled. */
  acdTickMs?: number;
  acdSettleMs?: number;
  /** How often agents' registrations are checked against the switch (besides at start). */
  registrationReconcileMs?: number;
  /**
   * Tests only: the tenants whose agents and waiting conversations the ACD settles and routes (test files share one
   * database; each file's worker keeps to its own tenants). Callers are this worker's own calls whatever this says.
   */
  tenantIds?: () => string[];
  reconcileMs?: number;
  callbackIdleMs?: number;
  maxInFlightOriginates?: number;
  /** Originates a second on this switch; default 80 % of the switch's sessions-per-second (`fsctl sps`). */
  originatesPerSecond?: number;
  claimBatch?: number;
  /** Database use-cases in flight at once (default DATABASE_POOL_SIZE − 2); the rest wait in order. */
  dbConcurrency?: number;
  /** While the database is unreachable, how often it is probed (default 500 ms). */
  databaseProbeMs?: number;
  /** WORKER_EVENT_BUFFER: switch events held for the database beyond which only those that decide status and billing are kept. */
  eventBuffer?: number;
  version?: string;
  log?: Logger;
  /** Use-cases (tests may wrap them); the src/server ones by default. */
  voice?: VoicePort;
}

export interface RunningWorker {
  readonly id: string;
  readonly switchId: string;
  readonly context: WorkerContext;
  /** Resolves when the switch link is up for the first time. */
  readonly linkUp: Promise<void>;
  /** Resolves if another worker takes the switch over (this one's lease lapsed): the worker must stop. Never rejects. */
  readonly leaseLost: Promise<SwitchLeaseLostError>;
  healthPort(): number | null;
  health(): WorkerHealthSnapshot;
  /** Graceful: stop claiming, drain within `deadlineMs`, mark the instance stopped, `exit` the socket. */
  stop(deadlineMs?: number): Promise<{ drained: boolean }>;
  /** A crash: no drain, no last heartbeat, the socket dropped. For tests. */
  kill(): Promise<void>;
  /** Reconciles with the switch now (as on every reconnect). */
  reconcileNow(): Promise<void>;
  /** Feeds an event as if the switch had sent it (tests: duplicate delivery). */
  injectEvent(event: EslEvent): void;
}

/** Status callbacks: the callbacks use-case's own sender loop, woken after every transition this worker makes. */
class CallbackSenderHandler implements WorkerHandler {
  readonly name = "callback-sender";
  private controller = new AbortController();
  private sender: ReturnType<typeof startCallbackSender> | null = null;

  constructor(
    private readonly ctx: WorkerContext,
    private readonly voice: VoicePort,
    private readonly idleMs: number,
  ) {}

  start(): void {
    this.sender = startCallbackSender({ signal: this.controller.signal, idleMs: this.idleMs, limit: 50 });
  }

  wake(): void {
    this.sender?.wake();
  }

  /** After the calls' own work is done, send what is due now (retries scheduled for later are left to the next worker). */
  async drain(): Promise<void> {
    await this.ctx.calls.onIdle();
    await this.ctx.background.idle();
    this.controller.abort();
    await this.sender?.stopped;
    for (let round = 0; round < 20; round++) if ((await this.voice.sendDueCallbacks({ limit: 50 })) === 0) break;
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.sender?.stopped;
  }
}

/** Deletes played audio files nobody used for an hour, every ten minutes. */
class MediaSweeper implements WorkerHandler {
  readonly name = "media-sweeper";
  private timer: NodeJS.Timeout | null = null;
  constructor(
    private readonly media: MediaCache,
    private readonly log: Logger,
  ) {}
  start(): void {
    this.timer = setInterval(() => {
      this.media.sweep(60 * 60_000).catch((err: unknown) => this.log.warn({ err }, "media sweep failed"));
    }, 10 * 60_000);
    this.timer.unref();
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** Per-call work and detached handlers: the drain waits for both. */
class CallWorkDrain implements WorkerHandler {
  readonly name = "call-work";
  constructor(
    private readonly ctx: WorkerContext,
    private readonly dbSlots: Semaphore,
    private readonly batchers: ReturnType<typeof batchVoicePort>["batchers"],
  ) {}
  start(): void {}
  async drain(): Promise<void> {
    await this.ctx.calls.onIdle();
    await this.ctx.background.idle();
    await this.ctx.calls.onIdle();
  }
  stop(): void {}
  health(): Record<string, unknown> {
    return { queuedCallWork: this.ctx.calls.pending, callsWithWork: this.ctx.calls.activeKeys, background: this.ctx.background.size, waitingForDatabase: this.dbSlots.waitingCount, progressBatches: this.batchers.progress.health(), finalizeBatches: this.batchers.finalize.health() };
  }
}

export async function startWorker(opts: StartWorkerOptions): Promise<RunningWorker> {
  const workerId = opts.workerId ?? newId("wrk");
  const log = (opts.log ?? rootLogger).child({ workerId, switchId: opts.switchId });
  const db = opts.db ?? defaultDb;
  // Below the pool size, so the callback sender and the heartbeat always find a connection.
  const dbSlots = new Semaphore(opts.dbConcurrency ?? Math.max(2, env.DATABASE_POOL_SIZE - 2));
  const database = new DatabaseLink({
    probe: () => db.$queryRaw`SELECT 1`,
    log,
    probeMs: opts.databaseProbeMs,
    onUp: () => {
      heartbeat.wake();
      originator?.wake();
      reconciler.wake();
    },
  });
  const voice = batchVoicePort(
    limitVoicePort(opts.voice ?? createVoiceUseCases({ switchRecordingsDir: opts.recordingsDir, log }), dbSlots, { link: database, isStopped: () => database.isStopped }),
  );
  const esl = opts.connection;
  const registry = new HandlerRegistry(log);
  let draining = false;
  let resolveLeaseLost!: (error: SwitchLeaseLostError) => void;
  const leaseLost = new Promise<SwitchLeaseLostError>((resolve) => (resolveLeaseLost = resolve));
  const heartbeatMs = opts.heartbeatMs ?? 5_000;
  const lease = new SwitchLeaseKeeper({
    switchId: opts.switchId,
    workerId,
    db,
    log,
    ttlMs: opts.leaseTtlMs ?? 15_000,
    renewMs: heartbeatMs,
    onLost: (error) => {
      // Claims and reconcile already stopped (they check the lease); the owner of the process stops the rest.
      originator?.quiesce();
      resolveLeaseLost(error);
    },
  });

  const media = new MediaCache({ dir: opts.mediaDir ?? env.FREESWITCH_MEDIA_DIR, log, openRecording: (input) => voice.openRecordingAudio(input) });
  let callbacks: CallbackSenderHandler | null = null;
  let originator: Originator | null = null;
  const ctx: WorkerContext = {
    switchId: opts.switchId,
    workerId,
    esl,
    lease,
    voice,
    database,
    channels: new ChannelTable(),
    calls: new KeyedSerialQueue({ onError: (key, err) => log.error({ err, channelUuid: key }, "call event handling failed") }),
    log,
    recordingsDir: opts.recordingsDir,
    media,
    defaultGateway: opts.defaultGateway,
    appUrl: (opts.appUrl ?? env.APP_URL).replace(/\/+$/, ""),
    sessionMetrics: new SessionMetrics(),
    speech: createSpeechPort(),
    onTransition: () => callbacks?.wake(),
    background: new BackgroundWork(),
  };

  const gate = new ClaimGate();
  // First to start and last to stop: nothing runs for this switch before the lease is ours or after it is given up.
  registry.register(lease);
  registry.register(database);
  const listener = registry.register(new PgListener(opts.databaseUrl, log));
  const heartbeat = registry.register(new Heartbeat(ctx, db, opts.version ?? process.env.npm_package_version ?? "", heartbeatMs));
  const router = registry.register(new CallEventRouter(ctx, opts.eventBuffer ?? 20_000));
  const reconciler = registry.register(new Reconciler(ctx, gate, opts.reconcileMs ?? 30_000, (uuid) => router.recoverAnswer(uuid)));
  originator = registry.register(
    new Originator(ctx, gate, {
      maxInFlight: opts.maxInFlightOriginates ?? 200,
      claimBatch: opts.claimBatch ?? 50,
      pollMs: opts.originatePollMs ?? 500,
      originatesPerSecond: opts.originatesPerSecond,
    }),
  );
  const endRequests = registry.register(new EndRequestHandler(ctx, opts.endRequestPollMs ?? 2_000, () => reconciler.wake()));
  registry.register(new ConferenceEvents(ctx, esl, listener, opts.endRequestPollMs ?? 2_000));
  const queueExpiry = registry.register(new QueueExpiry(ctx, opts.queueExpiryPollMs ?? 1_000));
  const acd = registry.register(new AcdDispatcher(ctx, listener, opts.acdTickMs ?? env.ACD_TICK_MS, opts.acdSettleMs ?? 2_000, opts.tenantIds));
  const registrations = registry.register(new AgentRegistrations(ctx, opts.registrationReconcileMs ?? 300_000, opts.tenantIds));
  const monitors = registry.register(new SupervisorMonitors(ctx, listener, opts.endRequestPollMs ?? 2_000));
  registry.register(new CallWorkDrain(ctx, dbSlots, voice.batchers));
  registry.register(new MediaSweeper(media, log));
  callbacks = registry.register(new CallbackSenderHandler(ctx, voice, opts.callbackIdleMs ?? 1_000));
  const healthServer = opts.healthPort === undefined ? null : registry.register(new HealthServer(opts.healthPort, () => snapshot()));

  listener.on(CALL_END_REQUESTED_CHANNEL, (payload) => {
    if (payload.startsWith(`${opts.switchId}:`)) endRequests.wake();
  });
  listener.on(CALL_CHANGED_CHANNEL, (payload) => {
    // A queued call may be claimable; a call that ended frees a slot of its tenant's concurrency.
    const change = decodeCallChange(payload);
    if (change && (change.status === "QUEUED" || ["COMPLETED", "BUSY", "FAILED", "NO_ANSWER", "CANCELED"].includes(change.status))) originator?.wake();
  });

  let resolveLinkUp!: () => void;
  const linkUp = new Promise<void>((resolve) => (resolveLinkUp = resolve));
  esl.onEvent((event) => {
    if (event.name === "SHUTDOWN") reconciler.switchShutdown(eventTime(event));
    router.onEvent(event);
    registrations.onEvent(event);
    monitors.onEvent(event);
    acd.onEvent(event);
  });
  esl.onLink((state: SwitchLinkState) => {
    log.info({ link: state }, "switch link");
    heartbeat.wake();
    if (state === "up") {
      resolveLinkUp();
      reconciler.linkUp();
      originator?.linkUp();
      endRequests.wake();
      registrations.linkUp();
    } else if (state === "down") {
      reconciler.linkDown(new Date());
    }
  });

  function snapshot(): WorkerHealthSnapshot {
    const ok = !draining && esl.linkState === "up" && database.up && lease.holds();
    return {
      ok,
      body: { status: ok ? "ok" : draining ? "draining" : "degraded", workerId, switchId: opts.switchId, link: esl.linkState, database: database.up ? "up" : "down", handlers: registry.health() },
    };
  }

  try {
    await registry.startAll();
  } catch (err) {
    // Refused (SwitchLeaseHeldError) before anything started; or a later handler failed: give the switch back.
    await lease.stop();
    throw err;
  }
  esl.start();
  log.info({ healthPort: healthServer?.address?.port ?? null }, "worker started");

  let stopping: Promise<{ drained: boolean }> | null = null;
  return {
    id: workerId,
    switchId: opts.switchId,
    context: ctx,
    linkUp,
    leaseLost,
    healthPort: () => healthServer?.address?.port ?? null,
    health: snapshot,
    stop(deadlineMs = 30_000) {
      stopping ??= (async () => {
        draining = true;
        log.info({ deadlineMs }, "draining");
        registry.quiesceAll();
        const drained = await registry.drainAll(deadlineMs);
        if (!drained) log.warn({ deadlineMs, queued: ctx.calls.pending, background: ctx.background.size }, "drain deadline reached; stopping with work left");
        await registry.stopAll();
        await flushCallChanges().catch((err: unknown) => log.warn({ err }, "announcing the last call changes failed"));
        await esl.close().catch((err: unknown) => log.warn({ err }, "closing the switch link failed"));
        ctx.channels.clear();
        log.info({ drained }, "worker stopped");
        return { drained };
      })();
      return stopping;
    },
    injectEvent: (event) => router.onEvent(event),
    reconcileNow: () => reconciler.reconcile(),
    async kill() {
      draining = true;
      await Promise.all([heartbeat.abandon(), lease.abandon()]);
      database.stop();
      esl.destroy();
      await Promise.all([reconciler.stop(), endRequests.stop(), queueExpiry.stop(), originator!.stop(), callbacks!.stop(), listener.stop(), healthServer?.stop()]);
      ctx.channels.clear();
    },
  };
}
