// Reconcile: the database's live calls on this switch against the switch's channels (`show channels as json`),
// on every (re)connect and every few seconds. Events lost while the link was down (or the worker was dead)
// leave calls the database believes live; this settles them, once, through finalizeCall.
//
// A live call whose channel is gone is finalized with the best information there is (data.reconciled = true):
//   answered      → NORMAL_CLEARING, completed, billsec from answeredAt to the last moment the call was known
//                   to be up: when this worker's link dropped, or the claiming worker's last heartbeat. That can
//                   under-count a call that outlived the outage, never over-bill one that did not.
//   not answered  → NORMAL_TEMPORARY_FAILURE, failed (canceled when the API had asked to end it). A claimed call
//                   whose originate may or may not have reached the switch is failed, not re-queued: re-queueing
//                   one that did ring would dial the callee twice. (A cancel that arrives before the originate is
//                   sent ends the call without dialling: originator.ts.)
// A channel on the switch that carries irisx_call_id but whose call the database no longer thinks live is
// killed; other unknown channels are logged. All of it only while this worker holds the switch's lease: a worker
// on another switch under the same name would see every real live call as vanished and finalize it.
import path from "node:path";
import type { LiveCall } from "@/server/calls/find-live-calls-on-switch";
import { findWorkerInstances } from "@/server/workers/find-worker-instances";
import { db } from "@/server/db";
import { sessionHost } from "./call-handler";
import { resumeCallSession } from "./call-control/start-call-session";
import { newTrackedChannel, type TrackedChannel } from "./channel-table";
import type { WorkerContext } from "./context";
import { WakeableLoop, type WorkerHandler } from "./registry";
import { errCause } from "./switch-port";

/** How long a dialled leg the worker did not originate itself may be missing from the switch before it counts as gone. */
const YOUNG_LEG_GRACE_MS = 5_000;

export interface SwitchChannelRow {
  uuid: string;
  direction?: string;
  state?: string;
  callstate?: string;
}

export function parseShowChannels(body: string): SwitchChannelRow[] {
  const trimmed = body.trim();
  if (trimmed.startsWith("-ERR")) throw new Error(`show channels failed: ${trimmed}`);
  const parsed = JSON.parse(trimmed) as { row_count?: number; rows?: SwitchChannelRow[] };
  return Array.isArray(parsed.rows) ? parsed.rows.filter((r) => typeof r.uuid === "string") : [];
}

/** Serialises the originator's claim-to-table step with reconcile's snapshot, so reconcile never sees a call claimed by us but not yet tracked. */
export class ClaimGate {
  private tail: Promise<void> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

export class Reconciler implements WorkerHandler {
  readonly name = "reconcile";
  private readonly loop: WakeableLoop;
  /** When this worker's link last went down: the last moment its calls were known to be up. */
  private linkDownAt: Date | null = null;
  /** Recordings started before this are an earlier process's. */
  private readonly startedAt = new Date();
  runs = 0;
  settled = 0;
  killedStrays = 0;
  /** How long after a call's end its queue member is left to the worker that saw the hang-up. */
  queueSweepGraceSeconds = 30;
  lastRunAt: Date | null = null;

  constructor(
    private readonly ctx: WorkerContext,
    private readonly gate: ClaimGate,
    intervalMs: number,
    /** A live call the switch has answered while the database still has it unanswered (call-events.ts recoverAnswer). */
    private readonly onUnrecordedAnswer: (uuid: string) => void = () => undefined,
  ) {
    this.loop = new WakeableLoop("reconcile", intervalMs, () => this.reconcile(), ctx.log);
  }

  start(): void {
    this.loop.start();
  }

  linkDown(at: Date): void {
    this.linkDownAt ??= at;
  }

  /**
   * The switch announced its shutdown (SHUTDOWN event): it hangs up every call right then, and the link may stay
   * open a while longer, so for calls whose hang-up is not heard the end is no later than this.
   */
  switchShutdown(at: Date): void {
    if (!this.linkDownAt || at < this.linkDownAt) this.linkDownAt = at;
  }

  wake(): void {
    this.loop.wake();
  }

  /** The link is up again (or for the first time): reconcile now. */
  linkUp(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  async reconcile(): Promise<void> {
    if (this.ctx.esl.linkState !== "up" || !this.ctx.lease.holds()) return;
    const linkDownAt = this.linkDownAt;
    // Database first, then the switch: a call that ends in between is settled twice, which finalizeCall makes a no-op.
    const live = await this.gate.run(() => this.ctx.voice.findLiveCallsOnSwitch(this.ctx.switchId));
    const rows = parseShowChannels(await this.ctx.esl.api("show channels as json", { timeoutMs: 10_000 }));
    const onSwitch = new Map(rows.map((r) => [r.uuid, r]));
    const knownUuids = new Set<string>();
    const missing: LiveCall[] = [];

    for (const call of live) {
      if (call.channelUuid) knownUuids.add(call.channelUuid);
      const tracked = call.channelUuid ? this.ctx.channels.get(call.channelUuid) : undefined;
      if (call.channelUuid && onSwitch.has(call.channelUuid)) {
        // Alive. A call another (dead) worker started is adopted, so its hang-up and end requests are handled.
        if (!tracked) this.adopt(call, onSwitch.get(call.channelUuid)?.callstate === "ACTIVE");
        if (call.status !== "IN_PROGRESS" && onSwitch.get(call.channelUuid)?.callstate === "ACTIVE" && !this.ctx.channels.get(call.channelUuid)?.answered) {
          this.onUnrecordedAnswer(call.channelUuid);
        }
        continue;
      }
      // Our originate is still under way: the channel may not exist yet.
      if (tracked?.originatePending) continue;
      if (tracked?.hangupSeen) continue;
      // A leg dialled a moment ago (an agent's leg bridged from the caller's session): the switch may not have made
      // its channel yet. The next run settles it if it never appears.
      if (call.status === "INITIATED" && !tracked && call.initiatedAt && Date.now() - call.initiatedAt.getTime() < YOUNG_LEG_GRACE_MS) continue;
      missing.push(call);
    }
    const vanished = await this.confirmGone(missing);

    const lastSeen = await this.lastSeenOf(vanished, linkDownAt);
    await Promise.all(
      vanished.map((call) => {
        const key = call.channelUuid ?? call.id;
        return this.ctx.calls.push(key, () => this.settle(call, lastSeen.get(call.id) ?? new Date()));
      }),
    );

    for (const row of rows) {
      if (knownUuids.has(row.uuid) || this.ctx.channels.get(row.uuid)) continue;
      await this.ctx.calls.push(row.uuid, () => this.checkStray(row));
    }
    await this.ingestLeftRecordings(new Set(live.filter((c) => !vanished.includes(c)).map((c) => c.id)));
    await this.sweepQueues();
    this.linkDownAt = null;
    this.runs++;
    this.lastRunAt = new Date();
  }

  /**
   * The calls `show channels` did not list that the switch does not have either. `show channels` reads the switch's core
   * database, which the switch fills a moment after it makes a channel (found on the real switch: an agent's leg 100 ms
   * old, ringing, finalized as gone); uuid_exists asks the session table itself.
   */
  private async confirmGone(calls: LiveCall[]): Promise<LiveCall[]> {
    const out: LiveCall[] = [];
    for (const call of calls) {
      if (call.channelUuid) {
        const exists = await this.ctx.esl.api(`uuid_exists ${call.channelUuid}`, { timeoutMs: 5_000 }).catch(() => "false");
        if (exists.trim() === "true") continue;
      }
      out.push(call);
    }
    return out;
  }

  /** `activeOnSwitch`: the switch has the channel answered, whatever the database says yet. */
  private adopt(call: LiveCall, activeOnSwitch: boolean): void {
    const channel = this.ctx.channels.add(
      newTrackedChannel({
        uuid: call.channelUuid!,
        callId: call.id,
        tenantId: call.tenantId,
        direction: call.direction === "INBOUND" ? "inbound" : "outbound",
        ringing: call.status !== "INITIATED",
        answered: call.status === "IN_PROGRESS",
        originateSent: true,
        timeLimitSeconds: call.timeLimitSeconds,
      }),
    );
    // An answered call whose document was running: its interpreter resumes (never dead air after a restart). The
    // switch's answer counts even when the database has not heard of it: an inbound call answered by its document's
    // first verb can lose its worker before the answer is written (found on the real switch); the answer is then
    // recorded by recoverAnswer, queued behind the resume.
    if ((call.status === "IN_PROGRESS" || activeOnSwitch) && call.voiceSession) void this.ctx.calls.push(channel.uuid, () => this.resume(channel, call.voiceSession));
  }

  private async resume(channel: TrackedChannel, stored: unknown): Promise<void> {
    if (channel.hangupSeen || channel.session) return;
    const dump = await this.ctx.esl.api(`uuid_dump ${channel.uuid} json`, { timeoutMs: 5_000 }).catch(() => "");
    const current = dump.trim().startsWith("{") ? ((JSON.parse(dump) as Record<string, string>)["variable_current_application"] ?? null) : null;
    this.ctx.log.warn({ callId: channel.callId, runningOnSwitch: current }, "resuming the call's document after a worker restart");
    resumeCallSession(sessionHost(this.ctx), channel, stored, current);
  }

  /** The last moment each vanished call was known to be up. */
  private async lastSeenOf(calls: LiveCall[], linkDownAt: Date | null): Promise<Map<string, Date>> {
    const now = new Date();
    const others = [...new Set(calls.map((c) => c.claimedBy).filter((id): id is string => id !== null && id !== this.ctx.workerId))];
    const instances = new Map((await findWorkerInstances(db, others)).map((w) => [w.id, w.lastHeartbeatAt]));
    const out = new Map<string, Date>();
    for (const call of calls) {
      const seen = call.claimedBy && call.claimedBy !== this.ctx.workerId ? instances.get(call.claimedBy) : linkDownAt;
      out.set(call.id, seen && seen < now ? seen : now);
    }
    return out;
  }

  private async settle(call: LiveCall, lastSeenAt: Date): Promise<void> {
    // Checked again per call: the lease may have passed to another worker since this reconcile began.
    if (!this.ctx.lease.holds()) return;
    if (call.channelUuid && (this.ctx.channels.get(call.channelUuid)?.hangupSeen || this.ctx.channels.endedRecently(call.channelUuid))) return;
    const answered = call.answeredAt !== null;
    // The switch's own CHANNEL_HANGUP, when it came before the link dropped (HANGUP_COMPLETE did not): its time and
    // cause are the truth. Otherwise the last moment the call was known up.
    const hangup = call.channelUuid ? (this.ctx.channels.get(call.channelUuid)?.hangup ?? null) : null;
    const lastKnown = hangup?.at ?? lastSeenAt;
    const endedAt = answered && lastKnown < call.answeredAt! ? call.answeredAt! : lastKnown;
    const billsec = answered ? Math.max(0, Math.floor((endedAt.getTime() - call.answeredAt!.getTime()) / 1000)) : 0;
    this.ctx.log.warn({ callId: call.id, channelUuid: call.channelUuid, status: call.status, claimedBy: call.claimedBy, endFrom: hangup ? "CHANNEL_HANGUP" : "last seen" }, "reconcile: call is not on the switch; finalizing it");
    await this.ctx.voice.finalizeCall({
      callId: call.id,
      endedAt,
      hangupCause: hangup?.cause ?? (answered ? "NORMAL_CLEARING" : "NORMAL_TEMPORARY_FAILURE"),
      sipStatus: null,
      durationSeconds: null,
      billsec,
      answeredAt: call.answeredAt,
      data: { reconciled: true, lastSeenAt: lastSeenAt.toISOString(), endFrom: hangup ? "CHANNEL_HANGUP" : "last seen", previousStatus: call.status },
    });
    if (call.channelUuid) {
      this.ctx.channels.remove(call.channelUuid);
      this.ctx.channels.markEnded(call.channelUuid);
    }
    this.settled++;
    this.ctx.onTransition();
  }

  /**
   * Recordings an earlier process started and never ingested (it died before RECORD_STOP): ingest those whose
   * call is no longer live (a live, adopted call is still writing its file; its own hang-up ingests it).
   */
  private async ingestLeftRecordings(liveCallIds: Set<string>): Promise<void> {
    if (!this.ctx.lease.holds()) return;
    const pending = await this.ctx.voice.findPendingRecordings({ startedBefore: this.startedAt, switchPathPrefix: path.resolve(this.ctx.recordingsDir) + path.sep, limit: 100 });
    for (const recording of pending) {
      if (liveCallIds.has(recording.callId) || !recording.switchPath) continue;
      await this.ctx.voice
        .ingestRecording({ recordingId: recording.id, callId: recording.callId, switchPath: recording.switchPath, at: new Date() })
        .catch((err: unknown) => this.ctx.log.error({ err, recordingId: recording.id }, "reconcile: recording ingest failed; retried at the next reconcile"));
    }
  }

  /** Queue members of calls that ended without leaving their queue (the worker driving them died). */
  private async sweepQueues(): Promise<void> {
    if (!this.ctx.lease.holds()) return;
    const swept = await this.ctx.voice.sweepEndedQueueMembers({ graceSeconds: this.queueSweepGraceSeconds }).catch((err: unknown) => {
      this.ctx.log.error({ err }, "reconcile: the queue sweep failed; tried again at the next reconcile");
      return 0;
    });
    if (swept > 0) this.ctx.log.warn({ swept }, "reconcile: took ended calls out of their queues");
  }

  private async checkStray(row: SwitchChannelRow): Promise<void> {
    if (!this.ctx.lease.holds()) return;
    const reply = await this.ctx.esl.api(`uuid_getvar ${row.uuid} irisx_call_id`);
    const callId = reply.trim();
    if (errCause(reply) || !callId || callId === "_undef_") {
      this.ctx.log.info({ channelUuid: row.uuid, state: row.callstate ?? row.state }, "reconcile: channel on the switch is not an IRISX call");
      return;
    }
    // A call that began after this reconcile read the database (an inbound call's row is written while the switch
    // already lists its channel) is tracked by now, or still live in the database: not a stray.
    if (this.ctx.channels.get(row.uuid)) return;
    if (await this.ctx.voice.isCallLive(callId)) return;
    this.ctx.log.warn({ channelUuid: row.uuid, callId }, "reconcile: channel of a call that is no longer live; killing it");
    // Its hang-up is nobody's to finalize: the call ended already (or was never this channel's).
    this.ctx.channels.markEnded(row.uuid);
    await this.ctx.esl.api(`uuid_kill ${row.uuid} NORMAL_CLEARING`);
    this.killedStrays++;
  }

  health(): Record<string, unknown> {
    return { runs: this.runs, settled: this.settled, killedStrays: this.killedStrays, lastRunAt: this.lastRunAt?.toISOString() ?? null, lastError: this.loop.lastError };
  }
}
