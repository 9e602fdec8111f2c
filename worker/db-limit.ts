// Back-pressure between the switch and the database. A thousand live calls produce bursts of events; run all
// their use-cases at once and Prisma's pool (DATABASE_POOL_SIZE) makes the excess wait for a connection until
// interactive transactions time out ("Unable to start a transaction in the given time"). Instead the worker
// holds its own FIFO: at most `concurrency` use-cases in flight, the rest wait here, in order. Transient
// database failures (pool timeout, dropped connection, serialization) are retried a few times.
import { Prisma } from "@/generated/prisma/client";
import { Batcher } from "./batcher";
import type { CallProgressInput, FinalizeCallInput, VoicePort } from "./voice-port";

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  maxWaiting = 0;

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.maxWaiting = Math.max(this.maxWaiting, this.waiting.length + 1);
    }
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  get waitingCount(): number {
    return this.waiting.length;
  }
}

const TRANSIENT_PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "P2028", "P2034"]);

export function isTransientDbError(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError) return TRANSIENT_PRISMA_CODES.has(err.code) || /40001|40P01|57P01|08006|08003/.test(JSON.stringify(err.meta ?? {}));
  if (err instanceof Prisma.PrismaClientUnknownRequestError || err instanceof Prisma.PrismaClientInitializationError) return true;
  return err instanceof Error && /ECONNRESET|ECONNREFUSED|Connection terminated|timeout exceeded when trying to connect/i.test(err.message);
}

async function withRetry<T>(work: () => Promise<T>, attempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isTransientDbError(err)) throw err;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt * Math.random()));
    }
  }
}

/**
 * The worker's port: progress and ends of calls go through batchers (one transaction for many calls, see
 * batcher.ts); everything else as it is.
 */
export function batchVoicePort(voice: VoicePort, maxBatch = 200): VoicePort & { batchers: { progress: Batcher<CallProgressInput, void>; finalize: Batcher<FinalizeCallInput, void> } } {
  const progress = new Batcher<CallProgressInput, void>((inputs) => voice.applyCallProgressBatch(inputs), maxBatch);
  const finalize = new Batcher<FinalizeCallInput, void>((inputs) => voice.finalizeCalls(inputs), maxBatch);
  return {
    ...voice,
    applyCallProgress: (input) => progress.submit(input),
    finalizeCall: (input) => finalize.submit(input),
    batchers: { progress, finalize },
  };
}

/** The same port, every database use-case through one semaphore (and retried when the failure is transient). */
export function limitVoicePort(voice: VoicePort, semaphore: Semaphore, attempts = 4): VoicePort {
  const limited = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => (...args: A) => withRetry(() => semaphore.run(() => fn(...args)), attempts);
  return {
    // Not retried: a claim whose commit we did not hear about would be claimed twice; the next tick claims anew.
    claimQueuedCalls: (input) => semaphore.run(() => voice.claimQueuedCalls(input)),
    // Retried: a round whose commit went unheard finds those calls final and ends nothing twice.
    expireQueuedCalls: limited(voice.expireQueuedCalls),
    applyCallProgress: limited(voice.applyCallProgress),
    finalizeCall: limited(voice.finalizeCall),
    applyCallProgressBatch: limited(voice.applyCallProgressBatch),
    finalizeCalls: limited(voice.finalizeCalls),
    recordCallEvent: limited(voice.recordCallEvent),
    createInboundCall: limited(voice.createInboundCall),
    findLiveCallsOnSwitch: limited(voice.findLiveCallsOnSwitch),
    startRecording: limited(voice.startRecording),
    failRecording: limited(voice.failRecording),
    findPendingRecordings: limited(voice.findPendingRecordings),
    // Not retried blindly: ingest streams a file into storage; it is safe to repeat, but a failure is reported.
    ingestRecording: (input) => semaphore.run(() => voice.ingestRecording(input)),
    // The callback sender is its own loop with its own pacing (limit per run); it is not held behind call work.
    sendDueCallbacks: voice.sendDueCallbacks,
    signRequest: limited(voice.signRequest),
    // Opens a stream: the lookup takes a slot, the reading does not hold one.
    openRecordingAudio: limited(voice.openRecordingAudio),
  };
}
