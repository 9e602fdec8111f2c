// Switch events → call transitions. Every event about a channel is queued under its uuid (ctx.calls), so one
// call's events are applied in the order FreeSWITCH sent them while different calls proceed concurrently.
//
//   CHANNEL_CREATE → the originate reached the switch   CHANNEL_PROGRESS(_MEDIA) → ringing
//   CHANNEL_ANSWER → in-progress (+ recording, time limit, handler)
//   DTMF → CallEvent                       CUSTOM avmd::beep → answeredBy machine_end_beep
//   CHANNEL_EXECUTE_COMPLETE of a playback the switch could not play → playback.failed
//   RECORD_STOP → recording ingest         CHANNEL_HANGUP → the switch's end time and cause, kept
//   CHANNEL_HANGUP_COMPLETE → finalizeCall (CDR, cost, callbacks)
//   CHANNEL_PARK inbound (irisx_inbound) → inbound.ts
import { AmdRun } from "./call-control/amd-runner";
import type { EslEvent } from "./esl/wire";
import { armTimeLimit, recordPlaybackFailure, runCallHandler, startChannelRecording } from "./call-handler";
import { newTrackedChannel, type TrackedChannel } from "./channel-table";
import type { WorkerContext } from "./context";
import { handleInboundPark, isInboundPark } from "./inbound";
import type { WorkerHandler } from "./registry";
import { callEndFrom } from "./hangup-times";
import { eventTime, intVariable } from "./switch-port";

/** playback's Application-Response when nothing was played (mod_dptools playback_function). */
const PLAYBACK_FAILED = new Set(["FILE NOT FOUND", "PLAYBACK ERROR"]);

/**
 * Events that decide a call's status, times and bill, or its recording: always kept, however many wait for the
 * database (at most a few per live channel, so bounded by the switch's max-sessions).
 */
const KEPT_WHEN_FULL = new Set(["CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE", "RECORD_STOP", "CHANNEL_PARK"]);

export class CallEventRouter implements WorkerHandler {
  readonly name = "call-events";
  received = 0;
  handled = 0;
  ignored = 0;
  /** Events not kept because `bufferLimit` were already waiting (by event name). */
  readonly shed = new Map<string, number>();
  private sheddingLogged = false;

  /**
   * @param bufferLimit events queued (waiting for the database, or for the call's earlier events) beyond which the
   * ones that decide nothing (ringing, DTMF, beeps, failed playbacks) are shed, counted and logged once.
   */
  constructor(
    private readonly ctx: WorkerContext,
    private readonly bufferLimit = 20_000,
  ) {}

  start(): void {}

  stop(): void {}

  /** Called synchronously for every event, in wire order. Never awaits: the work is queued per call. */
  onEvent(event: EslEvent): void {
    this.received++;
    const uuid = event.uniqueId;
    if (!uuid) return;
    const name = event.name;
    // The call's verb interpreter hears its channel's events in wire order, on its own chain.
    const tracked = this.ctx.channels.get(uuid);
    const session = tracked?.session;
    if (session) {
      if (name === "CHANNEL_HANGUP_COMPLETE") session.onHangup();
      else session.onSwitchEvent(event);
    }
    // The switch announces a bridge on its A side only: the B side's session hears it too (a dequeued caller's end
    // of a <Dial><Queue> bridge).
    if (name === "CHANNEL_BRIDGE" || name === "CHANNEL_UNBRIDGE") {
      const other = event.get("Bridge-B-Unique-ID");
      if (other && other !== uuid) this.ctx.channels.get(other)?.session?.onSwitchEvent(event);
    } else if (name === "CHANNEL_ANSWER" && tracked && !tracked.record) {
      // The callee is listening: the document starts now, not behind this call's earlier database writes (ringing)
      // in the queue below; under a burst of calls those take their turn, and the callee would hear silence.
      runCallHandler(this.ctx, tracked, performance.now());
    }
    switch (name) {
      case "CHANNEL_CREATE":
      case "CHANNEL_HANGUP": {
        // Bookkeeping on the tracked channel, synchronously: no database work, nothing to queue.
        const channel = this.ctx.channels.get(uuid);
        if (!channel) return void this.ignored++;
        if (name === "CHANNEL_CREATE") channel.created = true;
        else channel.hangup ??= { at: eventTime(event), cause: event.get("Hangup-Cause") ?? "NORMAL_CLEARING" };
        return;
      }
      case "CHANNEL_EXECUTE_COMPLETE":
        if (event.get("Application") !== "playback" || !PLAYBACK_FAILED.has(event.get("Application-Response") ?? "") || !this.ctx.channels.get(uuid)) return;
        break;
      case "CHANNEL_PROGRESS":
      case "CHANNEL_PROGRESS_MEDIA":
      case "CHANNEL_ANSWER":
      case "CHANNEL_HANGUP_COMPLETE":
      case "DTMF":
      case "RECORD_STOP":
        if (!this.isOurs(uuid, event)) return void this.ignored++;
        break;
      case "CHANNEL_PARK":
        if (!isInboundPark(event)) return;
        break;
      case "CUSTOM":
        if (event.subclass !== "avmd::beep" || !this.ctx.channels.get(uuid)) return;
        break;
      default:
        return;
    }
    if (this.ctx.calls.pending >= this.bufferLimit && !KEPT_WHEN_FULL.has(name)) return this.shedEvent(name, uuid);
    this.sheddingLogged = this.sheddingLogged && this.ctx.calls.pending > 0;
    void this.ctx.calls.push(uuid, () => this.apply(name, uuid, event));
  }

  private shedEvent(name: string, uuid: string): void {
    this.shed.set(name, (this.shed.get(name) ?? 0) + 1);
    if (this.sheddingLogged) return;
    this.sheddingLogged = true;
    this.ctx.log.warn(
      { bufferLimit: this.bufferLimit, event: name, channelUuid: uuid, databaseUp: this.ctx.database.up },
      "switch event buffer full: shedding ringing, DTMF, beep and playback events until it drains (answers, hang-ups and recordings are always kept)",
    );
  }

  /** A channel this worker originated or accepted, or one carrying our call id (after a restart). */
  private isOurs(uuid: string, event: EslEvent): boolean {
    return this.ctx.channels.get(uuid) !== undefined || event.variable("irisx_call_id") !== undefined;
  }

  /** The tracked channel, re-created from the event's variables for a call this process did not start. */
  private channelFor(uuid: string, event: EslEvent): TrackedChannel | undefined {
    const known = this.ctx.channels.get(uuid);
    if (known) return known;
    const callId = event.variable("irisx_call_id");
    const tenantId = event.variable("irisx_tenant_id");
    if (!callId || !tenantId) return undefined;
    const inbound = event.get("Call-Direction") === "inbound";
    return this.ctx.channels.add(
      newTrackedChannel({
        uuid,
        callId,
        tenantId,
        direction: inbound ? "inbound" : "outbound",
        from: event.get("Caller-Caller-ID-Number") ?? "",
        to: event.get("Caller-Destination-Number") ?? "",
      }),
    );
  }

  private async apply(name: string, uuid: string, event: EslEvent): Promise<void> {
    this.handled++;
    if (name === "CHANNEL_PARK") return handleInboundPark(this.ctx, uuid, event);
    if (name === "CHANNEL_HANGUP_COMPLETE") return this.onHangupComplete(uuid, event);
    const channel = this.channelFor(uuid, event);
    if (!channel || channel.hangupSeen) return;
    const at = eventTime(event);
    switch (name) {
      case "CHANNEL_PROGRESS":
      case "CHANNEL_PROGRESS_MEDIA":
        if (channel.ringing || channel.answered) return;
        channel.ringing = true;
        await this.ctx.voice.applyCallProgress({ channelUuid: uuid, status: "RINGING", at });
        this.ctx.onTransition();
        await this.killIfEndRequested(channel);
        return;
      case "CHANNEL_ANSWER":
        return this.onAnswer(channel, at);
      case "DTMF": {
        const digit = event.get("DTMF-Digit");
        if (!digit) return;
        const duration = Number(event.get("DTMF-Duration"));
        // DTMF-Duration is in samples at 8 kHz.
        await this.ctx.voice.recordCallEvent({ channelUuid: uuid, type: "dtmf", at, data: { digit, durationMs: Number.isFinite(duration) ? Math.round(duration / 8) : null } });
        return;
      }
      case "CUSTOM":
        if (event.get("Beep-Status") !== "DETECTED") return;
        // Answering-machine detection asked for: its run decides what a beep means (amd-runner.ts).
        if (channel.machineDetection) return channel.amd?.onBeep();
        // avmd heard a beep: an answering machine finished its greeting. Kept for the CDR (answeredBy).
        if (channel.answeredBy) return;
        channel.answeredBy = "machine_end_beep";
        await this.ctx.voice.recordCallEvent({ channelUuid: uuid, type: "machine_detected", at, data: { answeredBy: "machine_end_beep" } });
        return;
      case "RECORD_STOP":
        return this.ingestRecording(channel, event.get("Record-File-Path") ?? channel.recordingPath, at);
      case "CHANNEL_EXECUTE_COMPLETE": {
        const file = event.get("Application-Data") ?? "";
        return recordPlaybackFailure(this.ctx, channel, channel.playbacks.get(file) ?? file, `the switch could not play it (${event.get("Application-Response")})`);
      }
    }
  }

  /**
   * Reconcile found a channel the switch has answered whose answer this worker never applied (its CHANNEL_ANSWER was
   * held by a worker that died during a database outage): the answer at the switch's own answer time
   * (`uuid_dump`'s Caller-Channel-Answered-Time), then what an answer does (recording, time limit, handler).
   * Queued behind the call's other work, so an answer already waiting there wins and this changes nothing.
   */
  recoverAnswer(uuid: string): void {
    void this.ctx.calls.push(uuid, async () => {
      const channel = this.ctx.channels.get(uuid);
      if (!channel || channel.answered || channel.hangupSeen) return;
      const dump = await this.ctx.esl.api(`uuid_dump ${uuid} json`, { timeoutMs: 5_000 });
      if (!dump.trim().startsWith("{")) return;
      const answeredUs = Number((JSON.parse(dump) as Record<string, string>)["Caller-Channel-Answered-Time"] ?? 0);
      if (!(answeredUs > 0)) return;
      this.ctx.log.warn({ callId: channel.callId, answeredAt: new Date(answeredUs / 1000) }, "reconcile: the switch answered this call while its answer was not recorded; applying it at the switch's answer time");
      await this.onAnswer(channel, new Date(Math.floor(answeredUs / 1000)));
    });
  }

  private async onAnswer(channel: TrackedChannel, at: Date): Promise<void> {
    // A repeated CHANNEL_ANSWER (duplicate delivery) changes nothing, and the handler must not run twice.
    if (channel.answered) return;
    channel.answered = true;
    channel.ringing = true;
    // The document started when the answer arrived (onEvent), unless the call is recorded: its recording starts
    // first, so that it covers the whole call.
    await this.ctx.voice.applyCallProgress({ channelUuid: channel.uuid, status: "IN_PROGRESS", at });
    this.ctx.onTransition();
    if (await this.killIfEndRequested(channel)) return;
    if (channel.record) await startChannelRecording(this.ctx, channel).catch((err: unknown) => this.ctx.log.error({ err, callId: channel.callId }, "could not start the recording"));
    await armTimeLimit(this.ctx, channel);
    runCallHandler(this.ctx, channel);
  }

  /** An end request that arrived before the channel existed is carried out as soon as it does. */
  private async killIfEndRequested(channel: TrackedChannel): Promise<boolean> {
    if (!channel.killRequested) return false;
    await this.ctx.esl.api(`uuid_kill ${channel.uuid} ${channel.killRequested.cause}`).catch(() => undefined);
    return true;
  }

  private async ingestRecording(channel: TrackedChannel, switchPath: string | null, at: Date): Promise<void> {
    if (!switchPath || !channel.recordingPath) return;
    // Answering-machine detection's own recording of the called party is not the call's.
    if (AmdRun.owns(this.ctx.recordingsDir, switchPath)) return;
    const recordingId = channel.recordingId;
    // Only once per recording, whichever of RECORD_STOP and the hang-up comes first.
    channel.recordingPath = null;
    await this.ctx.voice.ingestRecording({ recordingId, callId: channel.callId, switchPath, at });
  }

  private async onHangupComplete(uuid: string, event: EslEvent): Promise<void> {
    // A duplicate HANGUP_COMPLETE: finalizeCall would be a no-op, so skip the round trip.
    if (this.ctx.channels.endedRecently(uuid)) return;
    const channel = this.channelFor(uuid, event);
    if (channel?.hangupSeen) return;
    const at = eventTime(event);
    if (channel) {
      channel.hangupSeen = true;
      channel.amd?.hungUp();
      if (channel.recordingPath) await this.ingestRecording(channel, channel.recordingPath, at).catch((err: unknown) => this.ctx.log.error({ err, callId: channel.callId }, "recording ingest failed"));
    }
    const end = callEndFrom({
      completeAt: at,
      startUs: Number(event.variable("start_uepoch") ?? 0),
      answerUs: Number(event.variable("answer_uepoch") ?? 0) || Number(event.variable("answer_epoch") ?? 0) * 1_000_000,
      endUs: Number(event.variable("end_uepoch") ?? 0),
      billsec: intVariable(event, "billsec"),
      durationSeconds: intVariable(event, "duration"),
      hangupAt: channel?.hangup?.at ?? null,
    });
    if (end.lingeredMs !== null) this.ctx.log.warn({ callId: channel?.callId, lingeredMs: end.lingeredMs }, "the channel lingered after its hang-up: ending the call at CHANNEL_HANGUP");
    const sipStatus = intVariable(event, "sip_term_status");
    try {
      await this.ctx.voice.finalizeCall({
        channelUuid: uuid,
        endedAt: end.endedAt,
        hangupCause: event.get("Hangup-Cause") ?? event.variable("hangup_cause") ?? null,
        sipStatus,
        durationSeconds: end.durationSeconds,
        billsec: end.billsec,
        answeredAt: end.answeredAt,
        answeredBy: channel?.answeredBy ?? null,
        ...(end.lingeredMs !== null ? { data: { lingeredMs: end.lingeredMs } } : {}),
      });
    } finally {
      this.ctx.channels.remove(uuid);
    }
    this.ctx.channels.markEnded(uuid);
    this.ctx.onTransition();
  }

  health(): Record<string, unknown> {
    return {
      received: this.received,
      handled: this.handled,
      ignored: this.ignored,
      queued: this.ctx.calls.pending,
      bufferLimit: this.bufferLimit,
      shed: Object.fromEntries(this.shed),
      liveChannels: this.ctx.channels.size,
      sessions: this.ctx.sessionMetrics.summary(),
    };
  }
}
