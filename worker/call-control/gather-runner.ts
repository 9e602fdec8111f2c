// <Gather>'s part of a call's session: the prompts with barge-in, the caller's keys from DTMF events (digit-collector.ts)
// with numDigits, finishOnKey and the timeout between keys, and speech: the utterance recorded until silence (the
// stock switch has no streaming recognizer) and handed to the recognizer (speech-port.ts); with partialResultCallback
// what was said so far is recognized and posted while the caller speaks (partial-speech.ts).
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { CollectInputCommand } from "@/server/voice-documents/interpreter/commands";
import type { EslEvent } from "../esl/wire";
import { DigitCollector } from "./digit-collector";
import { PartialSpeech } from "./partial-speech";
import { loopCount, promptApplication } from "./prompt-apps";
import type { Running, SessionOps } from "./session-ops";
import { recordApplication } from "./switch-commands";

export class GatherRunner {
  private collector: DigitCollector | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly s: SessionOps) {}

  /** The gather is over (an outcome, a live change, a hang-up): its timer stops and its keys are dropped. */
  reset(): void {
    this.clearTimer();
    this.collector = null;
    this.partial?.stop();
    this.partial = null;
  }

  private partial: PartialSpeech | null = null;

  async collect(command: CollectInputCommand, step: number): Promise<void> {
    const running = this.s.running?.kind === "collect" ? this.s.running : (this.s.running = { kind: "collect", step, lastPromptUuid: null, promptsDone: false });
    this.collector = command.dtmf ? new DigitCollector({ numDigits: command.dtmf.numDigits, finishOnKey: command.dtmf.finishOnKey }) : null;
    this.speech = command.speech;
    this.timeoutSeconds = command.timeoutSeconds;
    this.bargeIn = command.bargeIn;
    if (!this.s.live()) return;
    await this.s.setTerminators(command.bargeIn ? "any" : "none");
    for (const prompt of command.prompts) {
      const built = await promptApplication(prompt, this.s.promptContext);
      if (!built.ok) {
        await this.s.reportError(built.code, built.message, this.s.state?.verbIndex ?? null);
        continue;
      }
      for (let i = 0; i < loopCount(prompt.kind === "silence" ? 1 : prompt.loop, 10); i++) {
        running.lastPromptUuid = randomUUID();
        await this.s.send(built.app, running.lastPromptUuid);
      }
    }
    if (running.lastPromptUuid === null) this.promptsFinished(running);
  }

  timeoutSeconds = 5;
  bargeIn = true;
  speech: CollectInputCommand["speech"] = null;

  promptsFinished(running: Extract<Running, { kind: "collect" }>): void {
    if (running.promptsDone) return;
    running.promptsDone = true;
    if (this.speech) void this.s.post(() => this.listen(running));
    else this.armTimer(running.step, this.timeoutSeconds);
  }

  /**
   * Speech: the caller's utterance is recorded until they fall silent (the stock switch has no streaming recognizer)
   * and handed to the recognizer (speech-port.ts). When keys are allowed too, a key ends the recording and input
   * goes on as keys.
   */
  async listen(running: Extract<Running, { kind: "collect" }>): Promise<void> {
    const spec = this.speech;
    if (!spec || this.s.running !== running || !this.s.live()) return;
    const file = path.resolve(this.s.host.recordingsDir, this.s.channel.tenantId, `utterance-${this.s.channel.callId}-${running.step}.wav`);
    await mkdir(path.dirname(file), { recursive: true });
    running.utterance = { eventUuid: randomUUID(), file };
    await this.s.setTerminators(this.collector ? "any" : "none");
    const endSilence = spec.endSilence === "auto" ? 2 : Math.max(1, spec.endSilence);
    if (spec.partialResults) {
      // The utterance is written as it is spoken (not in 64 kB blocks), so what was said so far can be recognized.
      await this.s.host.esl.api(`uuid_setvar ${this.s.uuid} enable_file_write_buffering false`).catch(() => undefined);
      this.partial?.stop();
      this.partial = new PartialSpeech(this.s, file, spec);
      this.partial.start();
    }
    await this.s.send(recordApplication(file, this.s.host.recordingsDir, spec.maxSeconds, Math.max(endSilence, 1)), running.utterance.eventUuid);
  }

  async utteranceEnded(running: Extract<Running, { kind: "collect" }>, event: EslEvent): Promise<void> {
    const utterance = running.utterance!;
    running.utterance = null;
    this.partial?.stop();
    this.partial = null;
    const spec = this.speech;
    try {
      // A key ended the recording: input goes on as keys (the key itself arrived as a DTMF event).
      if (this.collector && !this.collector.empty) return;
      if (!spec || !this.s.live()) return;
      const ms = Number(event.variable("record_ms") ?? 0);
      const audio = ms >= 250 ? await readFile(utterance.file).catch(() => null) : null;
      if (!audio) return this.s.deliver({ kind: "timeout", step: running.step });
      const heard = await this.s.host.speech.recognize({ tenantId: this.s.channel.tenantId, audio, language: spec.language, hints: spec.hints, model: spec.model, profanityFilter: spec.profanityFilter });
      if (!heard.ok) return this.s.deliver({ kind: "failed", step: running.step, code: heard.code, message: `speech recognition: ${heard.message}` });
      if (!heard.transcript) return this.s.deliver({ kind: "timeout", step: running.step });
      return this.s.deliver({ kind: "speech", step: running.step, transcript: heard.transcript, confidence: heard.confidence ?? 0 });
    } finally {
      await rm(utterance.file, { force: true }).catch(() => undefined);
    }
  }

  armTimer(step: number, seconds: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.s.post(() => this.inputTimedOut(step));
    }, seconds * 1000);
    this.timer.unref?.();
  }

  clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async inputTimedOut(step: number): Promise<void> {
    if (this.s.running?.kind !== "collect" || this.s.running.step !== step) return;
    const collector = this.collector;
    if (collector && !collector.empty) return this.s.deliver({ kind: "digits", step, digits: collector.collected, terminator: null });
    return this.s.deliver({ kind: "timeout", step });
  }

  async keyPressed(running: Extract<Running, { kind: "collect" }>, key: string): Promise<void> {
    const collector = this.collector;
    if (!collector) return;
    if (!running.promptsDone) {
      if (!this.bargeIn) return;
      // The caller answered over the prompts: stop them (and the ones still queued). Not awaited: the command is on
      // the socket before anything this session sends next, and the switch runs api commands in the order they come.
      running.promptsDone = true;
      void this.s.host.esl.api(`uuid_break ${this.s.uuid} all`).catch(() => undefined);
    }
    const input = collector.press(key);
    if (input.complete) return this.s.deliver({ kind: "digits", step: running.step, digits: input.digits, terminator: input.terminator });
    this.armTimer(running.step, this.timeoutSeconds);
  }
}
