// Answering-machine detection on one answered call, on the switch: the called party's audio is recorded read-only and
// unbuffered (uuid_record with RECORD_READ_ONLY, enable_file_write_buffering=false, one frame of pre-buffer) and read
// as it grows (wav-tail.ts) into the analyzer (src/lib/amd/amd-analyzer.ts: greeting length, words, silences, fax
// tones); mod_avmd (its avmd_start application) listens for the voicemail beep (avmd::beep reaches onBeep). The verdict ends both, and the
// caller (call-handler.ts) stores it and runs the document: after it (synchronous) or alongside it (AsyncAmd).
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { AmdAnalyzer, type AmdVerdict } from "@/lib/amd/amd-analyzer";
import type { StoredMachineDetection } from "@/server/calls/machine-detection";
import type { TrackedChannel } from "../channel-table";
import type { SessionHost } from "./session-ops";
import { WavTail } from "./wav-tail";

/** The recording's own limit and the wall-clock guard run this much past the detection timeout. */
const GRACE_SECONDS = 3;
const RECORDING_VARS = "{RECORD_READ_ONLY=true,enable_file_write_buffering=false,RECORD_PRE_BUFFER_FRAMES=1}";

export class AmdRun {
  readonly file: string;
  private readonly analyzer: AmdAnalyzer;
  private readonly tail: WavTail;
  private guard: NodeJS.Timeout | null = null;
  private finished = false;
  /** performance.now() when detection started (the decision's wall-clock latency, for the log). */
  private readonly startedAt = performance.now();
  /** ms between the answer and the recording's first sample: added to the audio's time, so durations count from the answer. */
  private leadMs = 0;

  constructor(
    private readonly host: Pick<SessionHost, "esl" | "log" | "recordingsDir">,
    private readonly channel: TrackedChannel,
    readonly asked: StoredMachineDetection,
    private readonly onVerdict: (verdict: AmdVerdict) => void,
    /** performance.now() at the answer (0: unknown). */
    private readonly answeredAt = 0,
  ) {
    this.file = path.resolve(host.recordingsDir, "amd", `${channel.uuid}.wav`);
    this.analyzer = new AmdAnalyzer({
      mode: asked.mode,
      timeoutMs: asked.timeoutMs,
      speechThresholdMs: asked.speechThresholdMs,
      speechEndThresholdMs: asked.speechEndThresholdMs,
      silenceTimeoutMs: asked.silenceTimeoutMs,
    });
    this.tail = new WavTail(this.file, {
      onSamples: (samples) => {
        const verdict = this.analyzer.push(samples);
        if (verdict) this.conclude(verdict);
      },
    });
  }

  /** True when a path is one of detection's recordings (RECORD_STOP of these is not a call recording). */
  static owns(recordingsDir: string, file: string): boolean {
    return path.dirname(path.resolve(file)) === path.resolve(recordingsDir, "amd");
  }

  async start(): Promise<void> {
    const uuid = this.channel.uuid;
    // mod_avmd's application, not its api: in 1.10.12 `avmd <uuid> start` adds the media bug without the configured
    // settings or the detector threads (it reports 48000 samples/s and never hears a beep). Sent first, so with
    // AsyncAmd it runs before the document's applications queue behind it.
    const avmd = this.host.esl.sendmsg(uuid, "avmd_start").catch((err: unknown) => {
      this.host.log.warn({ err, callId: this.channel.callId }, "mod_avmd did not start: beeps are heard only as speech");
    });
    // The switch splits api arguments on spaces: a path with one could not be handed over whole.
    if (/\s/.test(this.file)) return this.conclude(this.analyzer.finish("the recordings folder's path has a space"));
    await mkdir(path.dirname(this.file), { recursive: true });
    const limit = Math.ceil(this.asked.timeoutMs / 1000) + GRACE_SECONDS;
    const reply = await this.host.esl.api(`uuid_record ${uuid} start ${this.file} ${limit} ${RECORDING_VARS}`).catch((err: unknown) => `-ERR ${String(err)}`);
    if (this.answeredAt > 0) this.leadMs = Math.max(0, Math.round(performance.now() - this.answeredAt));
    if (!reply.startsWith("+OK")) {
      this.host.log.warn({ callId: this.channel.callId, reply: reply.trim() }, "answering-machine detection could not record the called party");
      return this.conclude(this.analyzer.finish("the called party's audio could not be recorded"));
    }
    if (this.finished) return;
    await avmd;
    this.tail.start();
    // Audio that stops arriving (a recording that died) must not hold the call: decide on wall-clock time too.
    this.guard = setTimeout(() => this.conclude(this.analyzer.finish()), this.asked.timeoutMs + GRACE_SECONDS * 1000);
    this.guard.unref?.();
  }

  /** mod_avmd heard a beep. */
  onBeep(): void {
    const verdict = this.analyzer.onBeep();
    if (verdict) this.conclude(verdict);
  }

  /** The call ended before a verdict: what was heard so far decides (usually unknown). */
  hungUp(): void {
    this.conclude(this.analyzer.finish("the call ended before a decision"));
  }

  private conclude(verdict: AmdVerdict): void {
    if (this.finished) return;
    this.finished = true;
    this.host.log.debug({ callId: this.channel.callId, verdict, wallMs: Math.round(performance.now() - this.startedAt) }, "answering-machine detection decided");
    void this.cleanUp();
    this.onVerdict({ ...verdict, atMs: verdict.atMs + this.leadMs });
  }

  private async cleanUp(): Promise<void> {
    if (this.guard) clearTimeout(this.guard);
    await this.tail.stop();
    if (!this.channel.hangupSeen) {
      await this.host.esl.api(`uuid_record ${this.channel.uuid} stop ${this.file}`).catch(() => undefined);
      // The api's stop works (it removes the application's media bug).
      await this.host.esl.api(`avmd ${this.channel.uuid} stop`).catch(() => undefined);
    }
    if (!process.env.AMD_KEEP) await rm(this.file, { force: true }).catch(() => undefined);
  }
}
