// <Record>'s part of a call's session: the beep, finishOnKey and the silence timeout through the switch's `record`
// application, the recording ingested like any other (encrypted, stored), recordingStatusCallback, and transcription
// of the words to transcribeCallback, off the call's path.
import { randomUUID } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Callback, RecordCommand } from "@/server/voice-documents/interpreter/commands";
import type { RecordingFacts } from "@/server/voice-documents/interpreter/outcomes";
import type { EslEvent } from "../esl/wire";
import type { Running, SessionOps } from "./session-ops";
import { BEEP_APPLICATION, recordApplication } from "./switch-commands";

export class RecordRunner {
  constructor(private readonly s: SessionOps) {}

  async record(command: RecordCommand, step: number): Promise<void> {
    if (!this.s.live()) return;
    const file = path.resolve(this.s.host.recordingsDir, this.s.channel.tenantId, `${this.s.channel.callId}-${step}.wav`);
    // The record application does not create folders, and a file it cannot open hangs the call up
    // (DESTINATION_OUT_OF_ORDER, seen on the real switch); the worker shares the recordings folder with the switch.
    await mkdir(path.dirname(file), { recursive: true });
    const { recordingId } = await this.s.host.voice.startRecording({ call: { id: this.s.channel.callId, tenantId: this.s.channel.tenantId }, switchPath: file, channels: 1 });
    this.s.running = { kind: "record", step, eventUuid: randomUUID(), recordingId, file, trimSilence: command.trimSilence };
    this.recordCommand = command;
    void this.s.save();
    await this.s.setTerminators(command.finishOnKey);
    if (command.playBeep) await this.s.send(BEEP_APPLICATION);
    await this.s.send(recordApplication(file, this.s.host.recordingsDir, command.maxLengthSeconds, command.silenceTimeoutSeconds), this.s.running.eventUuid);
  }

  recordCommand: RecordCommand | null = null;


  async recordCompleted(running: Extract<Running, { kind: "record" }>, event: EslEvent): Promise<void> {
    const hungUp = !this.s.live();
    const key = event.variable("playback_terminator_used") ?? "";
    const ms = Number(event.variable("record_ms") ?? NaN);
    // The words are read from the switch's file before ingest moves it into the store.
    const transcribe = this.recordCommand?.transcribe && ms >= 500 ? await readFile(running.file).catch(() => null) : null;
    const ingested = await this.s.host.voice
      .ingestRecording({ recordingId: running.recordingId, callId: this.s.channel.callId, switchPath: running.file, at: new Date(), trimSilence: running.trimSilence ?? false })
      .catch((err: unknown) => {
        this.s.log.error({ err, callId: this.s.channel.callId }, "record verb: recording ingest failed");
        return null;
      });
    const seconds = ingested?.status === "COMPLETED" ? (ingested.durationSeconds ?? Math.round(ms / 1000)) : 0;
    const facts = this.s.recordingFacts(running.recordingId, Number.isFinite(seconds) ? seconds : 0);
    const callback = this.recordCommand?.statusCallback;
    if (callback && facts.durationSeconds > 0) {
      const params = { AccountSid: this.s.channel.accountSid, CallSid: this.s.channel.callId, RecordingSid: facts.sid, RecordingUrl: facts.url, RecordingStatus: "completed", RecordingDuration: String(facts.durationSeconds), RecordingChannels: "1", RecordingSource: "RecordVerb" };
      void this.s.host.track(this.s.notify(callback.url, callback.method, params));
    }
    if (transcribe && facts.durationSeconds > 0) void this.s.host.track(this.transcribe(transcribe, facts, this.recordCommand!.transcribe!.callback));
    return this.s.deliver({ kind: "recorded", step: running.step, recording: facts, terminator: hungUp ? "hangup" : key || null });
  }

  /** <Record transcribe>: the recognizer's words posted to transcribeCallback (Twilio's parameters), off the call's path. */
  async transcribe(audio: Buffer, recording: RecordingFacts, callback: Callback | null): Promise<void> {
    const heard = await this.s.host.speech.recognize({ tenantId: this.s.channel.tenantId, audio, language: "en-US", hints: null, model: null, profanityFilter: false });
    if (!heard.ok) await this.s.recordDebugger({ code: heard.code, message: `transcription of ${recording.sid}: ${heard.message}`, source: "provider" });
    if (!callback) return;
    await this.s.notify(callback.url, callback.method, {
      AccountSid: this.s.channel.accountSid,
      CallSid: this.s.channel.callId,
      From: this.s.channel.from,
      To: this.s.channel.to,
      RecordingSid: recording.sid,
      RecordingUrl: recording.url,
      TranscriptionSid: `TR${randomUUID().replace(/-/g, "")}`,
      TranscriptionStatus: heard.ok ? "completed" : "failed",
      TranscriptionText: heard.ok ? heard.transcript : "",
      TranscriptionType: "fast",
    });
  }
}
