// Outbound calls: claim queued calls (the use-case honours each tenant's calls-per-second and concurrency, and
// SKIP LOCKED keeps two workers off the same row), then originate each with bgapi, the channel uuid chosen
// before the command (origination_uuid) and reused as Job-UUID so the BACKGROUND_JOB is matched without a race.
// Woken by a QUEUED change on irisx_call_changed, polled as a fallback and to pace what the per-tenant limits held back.
import type { ClaimedCall } from "@/server/calls/claim-queued-calls";
import { newTrackedChannel, type TrackedChannel } from "./channel-table";
import type { WorkerContext } from "./context";
import type { ClaimGate } from "./reconcile";
import { OriginatePacer, originateRateFor, parseSessionsPerSecond } from "./originate-pacer";
import { WakeableLoop, type WorkerHandler } from "./registry";
import { errCause } from "./switch-port";

/**
 * An originate the switch refused before creating any channel (no CHANNEL_CREATE) with one of these causes was
 * throttled (sessions-per-second, "[CRIT] Throttle Error!") or hit max-sessions: nothing was dialled, so it is
 * tried again rather than failed.
 */
const NO_SESSION_CAUSES = new Set(["DESTINATION_OUT_OF_ORDER", "SWITCH_CONGESTION", "NORMAL_CIRCUIT_CONGESTION"]);
/** Tries of one call refused that way before it fails (SWITCH_CONGESTION), a second apart at least. */
const MAX_NO_SESSION_TRIES = 10;

export interface OriginatorOptions {
  /** Originates whose BACKGROUND_JOB has not come back (ringing calls), at most. */
  maxInFlight: number;
  /** Calls claimed per query, at most. */
  claimBatch: number;
  pollMs: number;
  /** Least time between claim rounds woken by queued calls (they batch into one round); default 20 ms. */
  claimGapMs?: number;
  /** After a round that claimed nothing, how long wake-ups wait before the next round; default 100 ms. */
  idleWakeDeferMs?: number;
  /** Originates a second on this switch (WORKER_ORIGINATES_PER_SECOND); default a share of the switch's `fsctl sps`. */
  originatesPerSecond?: number;
}

/** A value inside originate's `{…}`: commas separate variables, so they are escaped; quotes guard spaces. */
function originateValue(value: string): string {
  const escaped = value.replace(/[\r\n]/g, " ").replace(/,/g, "\\,");
  return /[\s']/.test(escaped) ? `'${escaped.replace(/'/g, "")}'` : escaped;
}

/** A dial string segment (gateway name or number): only the characters a gateway or E.164 number has. */
function dialSegment(value: string): string {
  return value.replace(/[^A-Za-z0-9_.+@:-]/g, "");
}

export function buildOriginateCommand(call: Pick<ClaimedCall, "id" | "tenantId" | "from" | "to" | "timeoutSeconds" | "record" | "channelUuid">, gateway: string): string {
  const vars: [string, string][] = [
    ["origination_uuid", call.channelUuid!],
    ["irisx_call_id", call.id],
    ["irisx_tenant_id", call.tenantId],
    ["origination_caller_id_number", call.from],
    ["origination_caller_id_name", call.from],
    ["originate_timeout", String(call.timeoutSeconds)],
    ["ignore_early_media", "true"],
    // Silence written while nothing else is (park, sleep), so a recording keeps up with the call after a prompt.
    ["send_silence_when_idle", "-1"],
    // A key press must not end a pause (any digit ends `sleep` otherwise) or a prompt ("*" ends playback).
    ["sleep_eat_digits", "true"],
    ["playback_terminators", "none"],
  ];
  if (call.record) vars.push(["RECORD_STEREO", "true"]);
  const block = vars.map(([k, v]) => `${k}=${originateValue(v)}`).join(",");
  return `originate {${block}}sofia/gateway/${dialSegment(gateway)}/${dialSegment(call.to)} &park()`;
}

export class Originator implements WorkerHandler {
  readonly name = "originator";
  private readonly loop: WakeableLoop;
  private inFlight = 0;
  private quiesced = false;
  originated = 0;
  failedOriginates = 0;
  /** Originates the switch refused without creating a channel (its throttle), tried again. */
  retriedNoSession = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly pacer: OriginatePacer;
  /** The switch's sessions-per-second as it last reported it; null until read after a (re)connect. */
  private switchSessionsPerSecond: number | null = null;

  constructor(
    private readonly ctx: WorkerContext,
    private readonly gate: ClaimGate,
    private readonly opts: OriginatorOptions,
  ) {
    this.loop = new WakeableLoop("originator", opts.pollMs, () => this.tick(), ctx.log, opts.claimGapMs ?? 20);
    // Until the switch says otherwise: a share of FreeSWITCH's stock 30.
    this.pacer = new OriginatePacer(originateRateFor(30, opts.originatesPerSecond));
  }

  /** The link came (back) up: the switch's limit may have changed (a restart with another configuration). */
  linkUp(): void {
    this.switchSessionsPerSecond = null;
    this.wake();
  }

  private async readSwitchRate(): Promise<void> {
    const reply = await this.ctx.esl.api("fsctl sps", { timeoutMs: 5_000 });
    const sps = parseSessionsPerSecond(reply);
    if (sps === null) throw new Error(`unexpected fsctl sps reply: ${reply.trim()}`);
    this.switchSessionsPerSecond = sps;
    this.pacer.setRate(originateRateFor(sps, this.opts.originatesPerSecond));
    this.ctx.log.info({ switchSessionsPerSecond: sps, originatesPerSecond: this.pacer.perSecond }, "originate pace set from the switch's sessions-per-second");
  }

  start(): void {
    this.loop.start();
  }

  wake(): void {
    if (!this.quiesced) this.loop.wake();
  }

  quiesce(): void {
    this.quiesced = true;
    void this.loop.stop();
  }

  /** Waits for every claimed call to have been handed to the switch (or finalized); ringing calls stay on the switch. */
  async drain(): Promise<void> {
    await this.loop.stop();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  private async tick(): Promise<void> {
    // Without the lease another worker may drive this switch; the claim itself is fenced on it too (in SQL).
    if (this.quiesced || this.ctx.esl.linkState !== "up" || !this.ctx.lease.holds() || !this.ctx.database.up) return;
    if (this.switchSessionsPerSecond === null) await this.readSwitchRate();
    // Only what can be originated within a second is claimed: a claimed call waiting for its slot is initiated.
    const room = Math.min(this.opts.claimBatch, this.opts.maxInFlight - this.inFlight, this.pacer.slotsWithin(1000));
    if (room <= 0) return;
    // Claimed calls enter the channel table before reconcile may look (ClaimGate): it must never take one of
    // ours, claimed a moment ago and not yet originated, for a call lost by a dead worker.
    const claimed = await this.gate.run(async () => {
      const calls = await this.ctx.voice.claimQueuedCalls({ switchId: this.ctx.switchId, workerId: this.ctx.workerId, limit: room });
      for (const call of calls) this.launch(call, call.carrierGateway ?? this.ctx.defaultGateway);
      return calls;
    });
    // Nothing claimable (nothing queued, or every queued call held back by its tenant's calls-per-second or
    // concurrency): a burst of wake-ups (a queued call each) would otherwise run a fruitless claim every claimGapMs.
    this.loop.deferWakesUntil(claimed.length === 0 ? Date.now() + (this.opts.idleWakeDeferMs ?? 100) : 0);
    if (claimed.length === 0) return;
    // A full batch means more may be waiting: claim again at once (pacing is the claim's job).
    if (claimed.length === room) this.loop.wake();
  }

  private launch(call: ClaimedCall, gateway: string): void {
    if (!call.channelUuid) {
      this.ctx.log.error({ callId: call.id }, "claimed call has no channel uuid");
      return;
    }
    const channel = this.ctx.channels.add(
      newTrackedChannel({
        uuid: call.channelUuid,
        callId: call.id,
        tenantId: call.tenantId,
        accountSid: call.accountSid,
        direction: "outbound",
        from: call.from,
        to: call.to,
        record: call.record,
        instructions: call.instructions,
        url: call.url,
        urlMethod: call.method,
        sendDigits: call.sendDigits,
        machineDetection: call.machineDetection,
        flowId: call.flowId,
        fallback: call.fallbackUrl ? { url: call.fallbackUrl, method: call.fallbackMethod === "GET" ? "GET" : "POST" } : null,
        timeLimitSeconds: call.timeLimitSeconds,
        apiSurface: call.apiSurface,
        originatePending: true,
        killRequested: call.endRequestedAt ? { cause: endCause(call.endRequestedStatus), at: Date.now() } : null,
      }),
    );
    this.inFlight++;
    const work = this.originate(channel, call, gateway).finally(() => {
      this.inFlight--;
      this.pending.delete(work);
      if (!this.quiesced) this.loop.wake();
    });
    this.pending.add(work);
  }

  private async originate(channel: TrackedChannel, call: ClaimedCall, gateway: string): Promise<void> {
    // Cancelled between claim and originate (or while waiting for a slot): nothing reached the switch, so the call
    // simply ends here.
    const cancelledBeforeDialling = (): Promise<void> | null => {
      const kill = channel.killRequested;
      return kill ? this.finalizeWithoutChannel(channel, kill.cause, "ended before it was originated") : null;
    };
    for (let attempt = 1; ; attempt++) {
      const cancelled = cancelledBeforeDialling();
      if (cancelled) return cancelled;
      await this.pacer.acquire();
      const cancelledWhileWaiting = cancelledBeforeDialling();
      if (cancelledWhileWaiting) return cancelledWhileWaiting;
      channel.originateSent = true;
      let reply: string;
      try {
        reply = await this.ctx.esl.bgapi(buildOriginateCommand(call, gateway), {
          jobUuid: channel.uuid,
          // The job answers after the ring time at the latest (originate_timeout), plus set-up.
          timeoutMs: (call.timeoutSeconds + 30) * 1000,
        });
      } catch (err) {
        // The link dropped or the job never answered: the channel may or may not exist. Reconcile decides from
        // `show channels` once the link is back; nothing is finalized on a guess here.
        channel.originatePending = false;
        this.ctx.log.warn({ err, callId: call.id, channelUuid: channel.uuid }, "originate outcome unknown; reconcile will settle it");
        return;
      }
      const cause = errCause(reply);
      if (cause && NO_SESSION_CAUSES.has(cause) && !channel.created && !channel.hangupSeen && attempt < MAX_NO_SESSION_TRIES) {
        // The switch made no channel (its sessions-per-second budget was spent, by inbound calls too): nothing was
        // dialled, so the call goes back in line here, behind a pause of the whole pace.
        this.retriedNoSession++;
        channel.originateSent = false;
        this.pacer.holdUntil(Date.now() + 1000);
        this.ctx.log.warn({ callId: call.id, attempt, reply: reply.trim() }, "the switch refused the originate without a channel (throttled); trying again");
        continue;
      }
      this.originated++;
      await this.ctx.calls.push(channel.uuid, async () => {
        channel.originatePending = false;
        // A failure whose channel already hung up was finalized from CHANNEL_HANGUP_COMPLETE with the SIP details.
        if (!cause || channel.hangupSeen || this.ctx.channels.endedRecently(channel.uuid)) return;
        this.failedOriginates++;
        const refusedEveryTry = NO_SESSION_CAUSES.has(cause) && !channel.created;
        await this.finalizeWithoutChannel(channel, refusedEveryTry ? "SWITCH_CONGESTION" : cause, refusedEveryTry ? `${reply.trim()} on each of ${attempt} tries` : reply.trim());
      });
      return;
    }
  }

  private async finalizeWithoutChannel(channel: TrackedChannel, cause: string, detail: string): Promise<void> {
    channel.hangupSeen = true;
    try {
      await this.ctx.voice.finalizeCall({
        channelUuid: channel.uuid,
        endedAt: new Date(),
        hangupCause: cause,
        sipStatus: null,
        durationSeconds: null,
        billsec: 0,
        data: { originate: detail },
      });
    } finally {
      this.ctx.channels.remove(channel.uuid);
      this.ctx.channels.markEnded(channel.uuid);
      this.ctx.onTransition();
    }
  }

  health(): Record<string, unknown> {
    return {
      inFlight: this.inFlight,
      originated: this.originated,
      failedOriginates: this.failedOriginates,
      retriedNoSession: this.retriedNoSession,
      switchSessionsPerSecond: this.switchSessionsPerSecond,
      originatesPerSecond: this.pacer.perSecond,
      quiesced: this.quiesced,
      lastError: this.loop.lastError,
    };
  }
}

/** The hangup cause for an API end request: cancel → ORIGINATOR_CANCEL, hang up → NORMAL_CLEARING. */
export function endCause(status: string | null): string {
  return status === "COMPLETED" ? "NORMAL_CLEARING" : "ORIGINATOR_CANCEL";
}
