// <Dial><Queue>, both sides of it.
// The dialling call takes the caller at the front of the account's queue (src/server/queues/dequeue-call.ts), and
// when the queue is empty tries again each second until the dial's timeout (no-answer; a queue the account does not
// have: failed). The caller's session is told: its wait stops, the Queue noun's url runs on it (queue-wait.ts), and
// once that ran out it bridges itself to the dialler with `uuid_bridge`. Both channels are set park_after_bridge so
// whoever stays goes on with its document at CHANNEL_UNBRIDGE: the dialler's dial ends `completed` (DialCallSid: the
// caller), the caller's Enqueue action hears QueueResult `bridged`. A caller lost before the bridge (it hung up, its
// url failed) ends the dial `failed` at once; the dialler never waits for a bridge longer than BRIDGE_GUARD_MS.
import type { DialCommand } from "@/server/voice-documents/interpreter/commands";
import type { DialCallStatus } from "@/server/voice-documents/interpreter/outcomes";
import { dialRunning } from "./dial-runner";
import type { Running, SessionOps } from "./session-ops";

type QueueTarget = Extract<DialCommand["targets"][number], { kind: "queue" }>;

const RETRY_MS = 1_000;
/** How long the dialler waits for the caller it took to be bridged (its url document runs first). */
export const BRIDGE_GUARD_MS = 120_000;

export class DequeueRunner {
  private guard: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly s: SessionOps) {}

  /** The dialler: takes the caller at the front of the queue, or waits for one until the dial's timeout. */
  async dial(target: QueueTarget, command: DialCommand, step: number, deadline = Date.now() + command.timeoutSeconds * 1000): Promise<void> {
    if (!this.s.live() || this.s.state?.step !== step || this.s.running) return;
    const { tenantId, callId } = this.s.channel;
    const taken = await this.s.host.voice.dequeueCall({ tenantId, friendlyName: target.name }).catch((err: unknown) => {
      this.s.log.error({ err, callId }, "could not take a caller out of the queue");
      return null;
    });
    if (!taken) return this.s.deliverLater({ kind: "failed", step, code: 12400, message: `<Dial><Queue>${target.name}: the queue could not be read` });
    if (!taken.ok && taken.reason === "no-queue") {
      await this.s.recordDebugger({ code: 12400, message: `<Dial><Queue>${target.name}: the account has no queue of that name`, source: "verb" });
      return this.ended(step, "failed", null);
    }
    if (!taken.ok) {
      if (Date.now() >= deadline) return this.ended(step, "no-answer", null);
      const retry = setTimeout(() => void this.s.post(() => this.dial(target, command, step, deadline)), RETRY_MS);
      retry.unref?.();
      return;
    }
    const { caller } = taken;
    const callerChannel = this.s.host.channelOfCall(caller.callId);
    if (!callerChannel?.session || callerChannel.hangupSeen) {
      await this.s.recordDebugger({ code: 12400, message: `<Dial><Queue>${target.name}: the caller taken (${caller.callId}) is not live on this switch`, source: "verb" });
      return this.ended(step, "failed", caller.callId);
    }
    this.s.running = dialRunning(command, step, [{ callId: caller.callId, uuid: callerChannel.uuid, sendDigits: null }], { dequeued: true });
    void this.s.save();
    this.guard = setTimeout(() => void this.s.post(() => this.callerLost(caller.callId)), BRIDGE_GUARD_MS);
    this.guard.unref?.();
    callerChannel.session.dequeue({ by: callId, waitedSeconds: caller.waitedSeconds, url: target.whisperUrl });
  }

  /** The caller this dial took will not be bridged (it hung up, its url failed, the bridge was refused): the dial fails. */
  async callerLost(callId: string): Promise<void> {
    const running = this.s.running;
    if (running?.kind !== "dial" || !running.dequeued || running.bridgedAt !== null || running.legs[0]?.callId !== callId) return;
    this.clearGuard();
    this.s.running = null;
    return this.ended(running.step, "failed", callId, true);
  }

  /** The dialler's bridge began (CHANNEL_BRIDGE): the guard is off. */
  bridged(): void {
    this.clearGuard();
  }

  /** The caller's side: bridged to the dialler (`dialler`: its call id) once the Queue noun's url ran out. */
  async bridgeTo(diallerCallId: string, step: number): Promise<void> {
    const dialler = this.s.host.channelOfCall(diallerCallId);
    if (!dialler || dialler.hangupSeen || !this.s.live()) return this.s.deliverLater({ kind: "dequeueBridgeEnded", step });
    this.s.running = { kind: "dequeuedBridge", step, to: dialler.uuid };
    void this.s.save();
    // Whoever stays when the other leaves goes on with its document (the bridge would hang it up otherwise).
    for (const uuid of [this.s.uuid, dialler.uuid]) {
      await this.s.host.esl.api(`uuid_setvar_multi ${uuid} park_after_bridge=true;hangup_after_bridge=false`).catch(() => undefined);
    }
    // The dialler first: the switch's CHANNEL_BRIDGE and CHANNEL_UNBRIDGE carry its uuid, the caller's as Bridge-B.
    const reply = await this.s.host.esl.api(`uuid_bridge ${dialler.uuid} ${this.s.uuid}`).catch((err: unknown) => `-ERR ${String(err)}`);
    if (reply.trim().startsWith("+OK")) return;
    await this.s.recordDebugger({ code: 12400, message: `the switch refused to bridge the dequeued caller: ${reply.trim()}`, source: "verb" });
    this.s.running = null;
    this.s.deliverLater({ kind: "dequeueBridgeEnded", step });
    const lost = this.s.channel.callId;
    void dialler.session?.post(() => dialler.session!.dequeuer.callerLost(lost));
  }

  /** The caller's bridge ended (CHANNEL_UNBRIDGE) with the caller still up. */
  unbridged(running: Extract<Running, { kind: "dequeuedBridge" }>): Promise<void> {
    this.s.running = null;
    return this.s.deliver({ kind: "dequeueBridgeEnded", step: running.step });
  }

  private clearGuard(): void {
    if (this.guard) clearTimeout(this.guard);
    this.guard = null;
  }

  private ended(step: number, status: DialCallStatus, dialCallSid: string | null, now = false): Promise<void> | void {
    const outcome = { kind: "dialEnded" as const, step, status, dialCallSid, durationSeconds: 0, bridged: false, recording: null, callerHungUp: !this.s.live() };
    if (now) return this.s.deliver(outcome);
    this.s.deliverLater(outcome);
  }
}
