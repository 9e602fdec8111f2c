// Back-pressure between the switch and the database. A thousand live calls produce bursts of events; run all
// their use-cases at once and Prisma's pool (DATABASE_POOL_SIZE) makes the excess wait for a connection until
// interactive transactions time out ("Unable to start a transaction in the given time"). Instead the worker
// holds its own FIFO: at most `concurrency` use-cases in flight, the rest wait here, in order. Transient
// database failures (pool timeout, dropped connection, serialization) are retried a few times.
import { isDatabaseUnavailable, isTransientDbError } from "@/server/db-errors";
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

/** Where the port reports an unreachable database and waits for it (database-link.ts). */
export interface DatabaseAvailability {
  readonly up: boolean;
  reportUnavailable(err: unknown): void;
  waitUntilUp(): Promise<void>;
}

/**
 * Runs `work`, retrying a transient failure up to `attempts` times; a database that cannot be reached is waited for
 * as long as it takes (the link's probe says when it is back), so the switch events behind it are applied late
 * but never dropped. `isStopped` ends the wait when the worker stops.
 */
async function withRetry<T>(work: () => Promise<T>, attempts: number, link?: DatabaseAvailability, isStopped?: () => boolean): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (link && isDatabaseUnavailable(err) && !isStopped?.()) {
        link.reportUnavailable(err);
        await link.waitUntilUp();
        if (isStopped?.()) throw err;
        attempt = 0;
        continue;
      }
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
export function limitVoicePort(voice: VoicePort, semaphore: Semaphore, opts: { attempts?: number; link?: DatabaseAvailability; isStopped?: () => boolean } = {}): VoicePort {
  const attempts = opts.attempts ?? 4;
  // Work that carries a switch event: waits out a database outage. The rest: a few tries, then the caller's loop tries again.
  const held = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => (...args: A) => withRetry(() => semaphore.run(() => fn(...args)), attempts, opts.link, opts.isStopped);
  const limited = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => (...args: A) =>
    withRetry(() => semaphore.run(() => fn(...args)), attempts).catch((err: unknown) => {
      if (isDatabaseUnavailable(err)) opts.link?.reportUnavailable(err);
      throw err;
    });
  return {
    // Not retried: a claim whose commit we did not hear about would be claimed twice; the next tick claims anew.
    claimQueuedCalls: (input) =>
      semaphore.run(() => voice.claimQueuedCalls(input)).catch((err: unknown) => {
        if (isDatabaseUnavailable(err)) opts.link?.reportUnavailable(err);
        throw err;
      }),
    // Retried: a round whose commit went unheard finds those calls final and ends nothing twice.
    expireQueuedCalls: limited(voice.expireQueuedCalls),
    applyCallProgress: held(voice.applyCallProgress),
    finalizeCall: held(voice.finalizeCall),
    applyCallProgressBatch: held(voice.applyCallProgressBatch),
    finalizeCalls: held(voice.finalizeCalls),
    recordCallEvent: held(voice.recordCallEvent),
    // Written once per call (a verdict already stored is left alone), so retrying after an unheard commit is safe.
    recordMachineDetection: held(voice.recordMachineDetection),
    createInboundCall: held(voice.createInboundCall),
    createAgentCall: held(voice.createAgentCall),
    markDirectAgentCall: held(voice.markDirectAgentCall),
    findLiveCallsOnSwitch: limited(voice.findLiveCallsOnSwitch),
    isCallLive: limited(voice.isCallLive),
    findClientAddress: limited(voice.findClientAddress),
    startRecording: held(voice.startRecording),
    failRecording: held(voice.failRecording),
    findPendingRecordings: limited(voice.findPendingRecordings),
    // Ingest streams the switch's file into storage; repeating it is safe, so it waits out an outage like events.
    ingestRecording: held(voice.ingestRecording),
    // The callback sender is its own loop with its own pacing (limit per run); it is not held behind call work.
    sendDueCallbacks: voice.sendDueCallbacks,
    // Not behind the semaphore: the token is cached per tenant (get-tenant-auth-token.ts), and a call's next document
    // must not wait for a slot behind other calls' writes (bench:ivr measured 0.9 s at p99 when it did).
    signRequest: voice.signRequest,
    // Opens a stream: the lookup takes a slot, the reading does not hold one.
    openRecordingAudio: limited(voice.openRecordingAudio),
    // Idempotent (the latest state wins): waits out an outage, so a resume finds the state the call really had.
    saveVoiceSession: held(voice.saveVoiceSession),
    // Not retried: legs whose commit went unheard would be created twice; the dial fails and the document goes on.
    createDialLegs: (input) => semaphore.run(() => voice.createDialLegs(input)),
    serveInternalApp: limited(voice.serveInternalApp),
    flowEntryUrl: limited(voice.flowEntryUrl),
    // Taken once: a retry after an unheard commit would find nothing; the poll takes the next one.
    takeRedirectRequest: (input) => semaphore.run(() => voice.takeRedirectRequest(input)),
    // A member's event: waits out an outage like a call's. Joining is not retried (the call's dial fails instead).
    joinConference: (input) => semaphore.run(() => voice.joinConference(input)),
    enqueueCall: (input) => semaphore.run(() => voice.enqueueCall(input)),
    leaveQueue: (input) => semaphore.run(() => voice.leaveQueue(input)),
    dequeueCall: (input) => semaphore.run(() => voice.dequeueCall(input)),
    answerCallOffer: (input) => semaphore.run(() => voice.answerCallOffer(input)),
    loadRoutingSnapshot: (input) => semaphore.run(() => voice.loadRoutingSnapshot(input)),
    claimCallOffer: (input) => semaphore.run(() => voice.claimCallOffer(input)),
    requestQueueCallback: (input) => semaphore.run(() => voice.requestQueueCallback(input)),
    claimCallbackOffer: (input) => semaphore.run(() => voice.claimCallbackOffer(input)),
    // The outcomes of a callback's calls wait out an outage, as a call's events do: each is written once (its row's
    // status is checked first), so a retry after an unheard commit changes nothing.
    answerCallbackOffer: (input) => semaphore.run(() => voice.answerCallbackOffer(input)),
    endCallbackOffer: held(voice.endCallbackOffer),
    recordCallbackAttempt: held(voice.recordCallbackAttempt),
    endCallbackCall: held(voice.endCallbackCall),
    settleAgents: (input) => semaphore.run(() => voice.settleAgents(input)),
    takeOverflowingCallers: (input) => semaphore.run(() => voice.takeOverflowingCallers(input)),
    findQueueAnnouncements: (input) => semaphore.run(() => voice.findQueueAnnouncements(input)),
    routeWaitingConversations: (input) => semaphore.run(() => voice.routeWaitingConversations(input)),
    recordAgentRegistration: (input) => semaphore.run(() => voice.recordAgentRegistration(input)),
    findAgentLines: limited(voice.findAgentLines),
    takeMonitorRequests: (input) => semaphore.run(() => voice.takeMonitorRequests(input)),
    recordMonitorStatus: (input) => semaphore.run(() => voice.recordMonitorStatus(input)),
    endCallOffer: (input) => semaphore.run(() => voice.endCallOffer(input)),
    sweepEndedQueueMembers: limited(voice.sweepEndedQueueMembers),
    findQueueWaitFacts: (input) => semaphore.run(() => voice.findQueueWaitFacts(input)),
    applyConferenceEvent: held(voice.applyConferenceEvent),
    takeConferenceRequests: (input) => semaphore.run(() => voice.takeConferenceRequests(input)),
    notifyConferenceRecording: held(voice.notifyConferenceRecording),
    settleConferences: limited(voice.settleConferences),
  };
}
