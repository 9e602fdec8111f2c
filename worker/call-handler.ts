// What happens when a call is answered: start the recording (record: true), arm the time limit, then run the
// call's handler (its instructions, or what its URL answers). The handler runs detached from the per-call
// event queue, so a slow tenant URL never holds up the call's own hang-up.
import path from "node:path";
import { APOLOGY, HANG_UP, runInstructions } from "./call-control/run-instructions";
import { fetchCallInstructions, TWILIO_API_VERSION } from "./call-control/fetch-call-instructions";
import type { TCallInstruction } from "./call-control/instructions";
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

function callStillOurs(channel: TrackedChannel): boolean {
  return !channel.hangupSeen && channel.killRequested === null;
}

/** Resolves the call's instructions (inline, or fetched from its URL) and hands them to the switch. */
export async function runCallHandler(ctx: WorkerContext, channel: TrackedChannel): Promise<void> {
  let instructions: TCallInstruction[] | null = channel.instructions;
  if (!instructions && channel.url) {
    const fetched = await fetchCallInstructions({
      tenantId: channel.tenantId,
      url: channel.url,
      method: channel.urlMethod,
      sign: (input) => ctx.voice.signRequest(input),
      params: {
        CallSid: channel.callId,
        AccountSid: channel.accountSid,
        From: channel.from,
        To: channel.to,
        CallStatus: "in-progress",
        Direction: channel.direction === "inbound" ? "inbound" : "outbound-api",
        ApiVersion: TWILIO_API_VERSION,
      },
    });
    if (fetched.ok) {
      // An empty answer (`<Response/>`, `{"instructions":[]}`) ends the call, as Twilio ends one whose TwiML ran out.
      instructions = fetched.instructions.length > 0 ? fetched.instructions : HANG_UP;
    } else {
      ctx.log.warn({ callId: channel.callId, tenantId: channel.tenantId, url: channel.url, error: fetched.error, code: fetched.code }, "call handler URL failed: apologising and hanging up");
      await ctx.voice.recordCallEvent({
        channelUuid: channel.uuid,
        type: "handler.failed",
        at: new Date(),
        data: { code: fetched.code, message: fetched.error, url: channel.url, httpStatus: fetched.statusCode },
      });
      instructions = APOLOGY;
    }
  }
  if (!instructions || instructions.length === 0 || !callStillOurs(channel)) return;
  await runInstructions({
    uuid: channel.uuid,
    tenantId: channel.tenantId,
    instructions,
    esl: ctx.esl,
    media: ctx.media,
    isLive: () => callStillOurs(channel),
    onPlayback: (file, source) => channel.playbacks.set(file, source),
    onRefused: (refusal) => recordPlaybackFailure(ctx, channel, refusal.source, refusal.reason),
  });
}

/** A play source that was refused, could not be fetched, or that the switch could not play: on the call's timeline. */
export async function recordPlaybackFailure(ctx: WorkerContext, channel: TrackedChannel, source: string, reason: string): Promise<void> {
  ctx.log.warn({ callId: channel.callId, tenantId: channel.tenantId, source, reason }, "playback failed");
  await ctx.voice.recordCallEvent({ channelUuid: channel.uuid, type: "playback.failed", at: new Date(), data: { source, reason } });
}
