// What happens when a call is answered: start the recording (record: true), arm the time limit, then run the
// call's document through its verb interpreter (call-control/call-session.ts), which works on its own chain, so a
// slow tenant URL never holds up the call's own hang-up.
import type { StoredMachineDetection } from "@/server/calls/machine-detection";
import { AmdRun } from "./call-control/amd-runner";
import path from "node:path";
import type { SessionHost } from "./call-control/session-ops";
import { startCallSession } from "./call-control/start-call-session";
import type { TrackedChannel } from "./channel-table";
import type { WorkerContext } from "./context";
import { errCause } from "./switch-port";

export async function startChannelRecording(ctx: WorkerContext, channel: TrackedChannel): Promise<void> {
  // Absolute: FreeSWITCH resolves a relative path against its own working directory.
  const switchPath = path.resolve(ctx.recordingsDir, channel.tenantId, `${channel.callId}.wav`);
  const { recordingId } = await ctx.voice.startRecording({ call: { id: channel.callId, tenantId: channel.tenantId }, switchPath });
  channel.recordingId = recordingId;
  channel.recordingPath = switchPath;
  const reply = await ctx.esl.api(`uuid_record ${channel.uuid} start ${switchPath}`);
  if (!errCause(reply)) return;
  ctx.log.warn({ callId: channel.callId, reply: reply.trim() }, "uuid_record start refused");
  channel.recordingPath = null;
  await ctx.voice.failRecording({ recordingId, errorMessage: `the switch refused to record: ${reply.trim()}` });
}

/** The switch hangs the call up after `timeLimitSeconds` (sched_hangup survives a worker restart); a local timer if the switch refuses. */
export async function armTimeLimit(ctx: WorkerContext, channel: TrackedChannel): Promise<void> {
  const seconds = channel.timeLimitSeconds;
  if (!seconds || seconds <= 0) return;
  const reply = await ctx.esl.api(`sched_hangup +${seconds} ${channel.uuid} ALLOTTED_TIMEOUT`).catch((err: unknown) => `-ERR ${String(err)}`);
  if (!errCause(reply)) return;
  channel.timeLimitTimer = setTimeout(() => {
    channel.timeLimitTimer = null;
    if (channel.hangupSeen) return;
    ctx.esl.api(`uuid_kill ${channel.uuid} ALLOTTED_TIMEOUT`).catch((err: unknown) => ctx.log.warn({ err, callId: channel.callId }, "time limit uuid_kill failed"));
  }, seconds * 1000);
  channel.timeLimitTimer.unref?.();
}

/** What a call's verb interpreter needs of the worker. */
export function sessionHost(ctx: WorkerContext): SessionHost {
  return {
    esl: ctx.esl,
    voice: ctx.voice,
    media: ctx.media,
    log: ctx.log,
    recordingsDir: ctx.recordingsDir,
    defaultGateway: ctx.defaultGateway,
    switchId: ctx.switchId,
    workerId: ctx.workerId,
    appUrl: ctx.appUrl,
    track: (work) => ctx.background.track(work),
    metrics: ctx.sessionMetrics,
    speech: ctx.speech,
    trackChannel: (channel) => void ctx.channels.add(channel),
    channelOfCall: (callId) => ctx.channels.getByCallId(callId),
  };
}

/**
 * The call runs its document (its instructions, or what its URL answers), one verb at a time; once per call.
 * `answeredAt` (performance.now() when the answer arrived) times the first command for the session metrics.
 */
export function runCallHandler(ctx: WorkerContext, channel: TrackedChannel, answeredAt = 0): void {
  if (channel.hangupSeen || channel.killRequested !== null || channel.session) return;
  const asked = channel.machineDetection;
  if (asked) {
    if (!channel.amd) startMachineDetection(ctx, channel, asked, answeredAt);
    // Synchronous detection: the document runs once the verdict is in (with AnsweredBy), as Twilio does.
    if (!asked.async && channel.answeredBy === null) return;
  }
  startCallSession(sessionHost(ctx), channel, answeredAt);
}

/** Runs answering-machine detection on the answered call; the verdict is stored, and ends a synchronous wait. */
function startMachineDetection(ctx: WorkerContext, channel: TrackedChannel, asked: StoredMachineDetection, answeredAt: number): void {
  const run = new AmdRun(ctx, channel, asked, (verdict) => {
    channel.answeredBy = verdict.answeredBy;
    void ctx.background.track(
      ctx.voice
        .recordMachineDetection({ callId: channel.callId, answeredBy: verdict.answeredBy, durationMs: verdict.atMs, reason: verdict.reason, at: new Date() })
        .catch((err: unknown) => ctx.log.error({ err, callId: channel.callId }, "could not store the answering-machine verdict")),
    );
    if (!asked.async) runCallHandler(ctx, channel, performance.now());
  }, answeredAt);
  channel.amd = run;
  void ctx.background.track(
    run.start().catch((err: unknown) => {
      ctx.log.error({ err, callId: channel.callId }, "answering-machine detection failed to start");
      run.hungUp();
    }),
  );
}

/** A play source that was refused, could not be fetched, or that the switch could not play: on the call's timeline. */
export async function recordPlaybackFailure(ctx: WorkerContext, channel: TrackedChannel, source: string, reason: string): Promise<void> {
  ctx.log.warn({ callId: channel.callId, tenantId: channel.tenantId, source, reason }, "playback failed");
  await ctx.voice.recordCallEvent({ channelUuid: channel.uuid, type: "playback.failed", at: new Date(), data: { source, reason } });
}
