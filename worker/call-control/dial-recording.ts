// <Dial record>: the caller's channel is recorded with uuid_record, from the answer (record-from-answer…, started at
// CHANNEL_BRIDGE) or from the moment the dial starts ringing (record-from-ringing…); mixed to one channel, or each
// side on its own (…-dual: RECORD_STEREO); one direction only (recordingTrack inbound: what the caller says,
// RECORD_READ_ONLY; outbound: what the caller hears, RECORD_WRITE_ONLY); trim-silence (the default) cuts the silence at
// either end when it is stored; recordingStatusCallback hears `completed` (RecordingSource DialVerb).
import path from "node:path";
import type { DialCommand } from "@/server/voice-documents/interpreter/commands";
import type { RecordingFacts } from "@/server/voice-documents/interpreter/outcomes";
import type { SessionOps } from "./session-ops";

export interface DialRecordSpec {
  fromRinging: boolean;
  dual: boolean;
  track: "both" | "inbound" | "outbound";
  trim: boolean;
  callback: { url: string; method: "GET" | "POST" } | null;
}

export function dialRecordSpec(command: DialCommand): DialRecordSpec | null {
  const record = command.record;
  if (!record) return null;
  const callback = record.statusCallback && record.statusCallback.events.includes("completed") ? { url: record.statusCallback.url, method: record.statusCallback.method } : null;
  return { fromRinging: record.from === "ringing", dual: record.dualChannel, track: record.track, trim: record.trimSilence, callback };
}

/** Starts the dial's recording; null when the switch refused it (the recording is marked failed). */
export async function startDialRecording(s: SessionOps, step: number, spec: DialRecordSpec | null): Promise<{ id: string; file: string } | null> {
  const file = path.resolve(s.host.recordingsDir, s.channel.tenantId, `${s.channel.callId}-dial-${step}.wav`);
  // States stored before the spec existed recorded both sides, one per channel.
  const dual = spec?.dual ?? true;
  const track = spec?.track ?? "both";
  const { recordingId } = await s.host.voice.startRecording({ call: { id: s.channel.callId, tenantId: s.channel.tenantId }, switchPath: file, channels: dual && track === "both" ? 2 : 1 });
  // The recording's own variables (uuid_record's fourth argument): the channel's are left as they are.
  const vars = `{RECORD_STEREO=${dual && track === "both"},RECORD_READ_ONLY=${track === "inbound"},RECORD_WRITE_ONLY=${track === "outbound"}}`;
  const reply = await s.host.esl.api(`uuid_record ${s.uuid} start ${file} 0 ${vars}`).catch((err: unknown) => `-ERR ${String(err)}`);
  if (reply.trim().startsWith("+OK")) return { id: recordingId, file };
  await s.host.voice.failRecording({ recordingId, errorMessage: `the switch refused to record the dial: ${reply.trim()}` });
  return null;
}

/** Stops and stores the dial's recording; its facts for the action, and the recordingStatusCallback told. */
export async function finishDialRecording(s: SessionOps, recording: { id: string; file: string }, spec: DialRecordSpec | null, callerHungUp: boolean): Promise<RecordingFacts | null> {
  if (!callerHungUp) await s.host.esl.api(`uuid_record ${s.uuid} stop ${recording.file}`).catch(() => undefined);
  const ingested = await s.host.voice
    .ingestRecording({ recordingId: recording.id, callId: s.channel.callId, switchPath: recording.file, at: new Date(), trimSilence: spec?.trim ?? false })
    .catch(() => null);
  if (ingested?.status !== "COMPLETED") return null;
  const facts = s.recordingFacts(recording.id, ingested.durationSeconds ?? 0);
  if (spec?.callback) {
    const channels = (spec.dual ?? true) && spec.track === "both" ? "2" : "1";
    const params = { AccountSid: s.channel.accountSid, CallSid: s.channel.callId, RecordingSid: facts.sid, RecordingUrl: facts.url, RecordingStatus: "completed", RecordingDuration: String(facts.durationSeconds), RecordingChannels: channels, RecordingSource: "DialVerb", RecordingTrack: spec.track };
    void s.host.track(s.notify(spec.callback.url, spec.callback.method, params));
  }
  return facts;
}
