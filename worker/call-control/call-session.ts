// One live call's verb interpreter on the switch: the pure interpreter (src/server/voice-documents/interpreter)
// decides, this carries its commands out one verb at a time and turns the switch's events into its outcomes.
//   prompt (say/play/pause/digits) → sendmsg execute with an Event-UUID; done at its CHANNEL_EXECUTE_COMPLETE
//   collectInput → playback_terminators, the prompts, then keys from DTMF events (digit-collector.ts) and a timer
//   record → a `record` application into the recordings folder; recorded at its CHANNEL_EXECUTE_COMPLETE
//   dial → child calls (create-dial-legs.ts) rung by `bridge`; dialEnded at its CHANNEL_EXECUTE_COMPLETE
//   fetch → the tenant's URL (fetch-voice-document.ts) or a platform application (irisx: URLs), off the call's queue
// Work for one call runs in order on the session's own chain, so a slow URL never holds up other calls or the
// call's own hang-up bookkeeping. The state is stored after every decision with what the switch is running, so a
// worker that restarts mid-call resumes it (resume-call-session.ts).
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "@/server/logger";
import { isInternalUrl } from "@/server/voice-apps/internal-apps";
import { advanceSession } from "@/server/voice-documents/interpreter/advance-session";
import type { Callback, CollectInputCommand, Command, DialCommand, Prompt, RecordCommand } from "@/server/voice-documents/interpreter/commands";
import type { DialCallStatus, Outcome, RecordingFacts } from "@/server/voice-documents/interpreter/outcomes";
import type { Decision } from "@/server/voice-documents/interpreter/run-verbs";
import type { SessionState } from "@/server/voice-documents/interpreter/session-state";
import { verbName } from "@/server/voice-documents/voice-document.schemas";
import type { EslEvent } from "../esl/wire";
import type { TrackedChannel } from "../channel-table";
import { eventTime, type SwitchPort } from "../switch-port";
import type { VoicePort } from "../voice-port";
import { conferenceApplication, conferenceRoom, conferenceVariables, type ConferenceTarget } from "./conference-apps";
import { waitMusicFile } from "./conference-wait-music";
import { bridgeApplication, DialTargetError, type DialLeg } from "./dial-strings";
import { DigitCollector } from "./digit-collector";
import { fetchVoiceDocument, type DocumentProblem } from "./fetch-voice-document";
import { loopCount, promptApplication, type MediaSource } from "./prompt-apps";
import type { SessionMetrics } from "./session-metrics";
import type { SpeechPort } from "./speech-port";
import { BEEP_APPLICATION, hangupApplication, recordApplication, sendDtmfApplication, terminatorsApplication, type SwitchApplication } from "./switch-commands";

export interface SessionHost {
  esl: SwitchPort;
  voice: VoicePort;
  media: MediaSource;
  log: Logger;
  recordingsDir: string;
  defaultGateway: string;
  switchId: string;
  workerId: string;
  /** Public base URL of the app (recording URLs handed to the tenant's actions). */
  appUrl: string;
  /** Detached work the drain waits for. */
  track<T>(work: Promise<T>): Promise<T>;
  metrics?: SessionMetrics;
  speech: SpeechPort;
}

/** What the switch is running for the awaited step: plain data, stored with the state. */
export type Running =
  | { kind: "prompt"; step: number; eventUuid: string; loopsLeft: number; prompt: Prompt | { kind: "digits"; digits: string } }
  | { kind: "collect"; step: number; lastPromptUuid: string | null; promptsDone: boolean; utterance?: { eventUuid: string; file: string } | null }
  | { kind: "record"; step: number; eventUuid: string; recordingId: string; file: string }
  | { kind: "conference"; step: number; eventUuid: string; room: string; joinedAt: number }
  | {
      kind: "dial";
      step: number;
      eventUuid: string;
      legs: { callId: string; uuid: string; sendDigits: string | null }[];
      bridgedAt: number | null;
      bridgedTo: string | null;
      timeLimitSeconds: number;
      recording: { id: string; file: string } | null;
      recordWanted: boolean;
    };

export interface StoredSession {
  state: SessionState;
  running: Running | null;
}

/** Applications whose Application-Response means nothing was played (mod_dptools playback). */
const PLAYBACK_FAILED = new Set(["FILE NOT FOUND", "PLAYBACK ERROR"]);

/** bridge's DIALSTATUS → Twilio's DialCallStatus. */
function dialStatusOf(dialStatus: string | undefined, bridged: boolean, callerHungUp: boolean): DialCallStatus {
  if (bridged) return "completed";
  switch (dialStatus) {
    case "BUSY":
      return "busy";
    case "NOANSWER":
      return "no-answer";
    case "CANCEL":
      return callerHungUp ? "canceled" : "no-answer";
    default:
      return callerHungUp ? "canceled" : "failed";
  }
}

export class CallSession {
  private chain: Promise<void> = Promise.resolve();
  state: SessionState | null = null;
  running: Running | null = null;
  private collector: DigitCollector | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The details of the last failed fetch, for the debugger entry the interpreter asks for next. */
  private fetchProblem: { code: number; problem: DocumentProblem & { url: string; httpStatus: number | null } } | null = null;
  /** When the outcome being acted on arrived, and from where (session-metrics.ts); 0 once the next command went. */
  private outcomeAt = 0;
  private outcomeFrom: "switch" | "answer" = "switch";

  constructor(
    private readonly host: SessionHost,
    readonly channel: TrackedChannel,
  ) {}

  private get log(): Logger {
    return this.host.log;
  }

  /** Runs work for this call after what is already queued for it. */
  post(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work).catch((err: unknown) => this.log.error({ err, callId: this.channel.callId }, "call session step failed"));
    this.chain = next;
    return this.host.track(next);
  }

  /** The first decision (startSession), or a resumed one; `answeredAt` times its first command (session-metrics.ts). */
  begin(decision: Decision, answeredAt = 0): Promise<void> {
    return this.post(() =>
      this.whileHandling(answeredAt, "switch", async () => {
        this.outcomeAt = this.arrivedAt;
        this.outcomeFrom = "switch";
        await this.apply(decision);
      }),
    );
  }

  /** Replaces the document at once (a live change, or a resume that must restart the verb). */
  replace(decide: (state: SessionState | null) => Decision | null): Promise<void> {
    return this.post(async () => {
      const decision = decide(this.state);
      if (!decision) return;
      await this.stopRunning();
      await this.apply(decision);
    });
  }

  /** Waits on what the switch was running when a previous worker stored the state (resume-call-session.ts). */
  adopt(stored: StoredSession): void {
    this.state = stored.state;
    this.running = stored.running;
    if (stored.running?.kind === "collect") this.armTimer(stored.running.step, 0);
  }

  get ended(): boolean {
    return this.state === null || this.state.awaiting.kind === "ended";
  }

  /** Every event about the call's channel, synchronously in wire order. */
  onSwitchEvent(event: EslEvent): void {
    switch (event.name) {
      case "CHANNEL_EXECUTE_COMPLETE":
      case "DTMF":
      case "CHANNEL_BRIDGE": {
        const at = performance.now();
        void this.post(() => this.whileHandling(at, "switch", () => this.handleEvent(event)));
        return;
      }
    }
  }

  /** Work caused by something that arrived at `at`: an outcome it delivers is timed from then (session-metrics.ts). */
  private async whileHandling(at: number, from: "switch" | "answer", work: () => Promise<void>): Promise<void> {
    this.arrivedAt = at;
    this.arrivedFrom = from;
    try {
      await work();
    } finally {
      this.arrivedAt = 0;
    }
  }

  private arrivedAt = 0;
  private arrivedFrom: "switch" | "answer" = "switch";

  /** The next command is going out: the time since the outcome that led to it is the worker's own. */
  private commandSent(): void {
    if (this.outcomeAt === 0) return;
    const metrics = this.host.metrics;
    if (metrics) (this.outcomeFrom === "switch" ? metrics.afterSwitchEvent : metrics.afterAnswer).add(performance.now() - this.outcomeAt);
    this.outcomeAt = 0;
  }

  /** The call is over: the interpreter hears of it (an action may be told) and nothing more runs. */
  onHangup(): void {
    void this.post(async () => {
      this.clearTimer();
      await this.deliver({ kind: "hangup" });
    });
  }

  private async deliver(outcome: Outcome): Promise<void> {
    if (!this.state) return;
    // Timed from the event or answer that brought this outcome (a timer's outcome is not the worker's latency).
    this.outcomeAt = this.arrivedAt;
    this.outcomeFrom = this.arrivedFrom;
    this.log.debug({ callId: this.channel.callId, outcome: outcome.kind, step: "step" in outcome ? outcome.step : null, awaitedStep: this.state.step }, "call session: outcome");
    const decision = advanceSession(this.state, outcome);
    if (decision.state === this.state && decision.commands.length === 0) return;
    await this.apply(decision);
  }

  private deliverLater(outcome: Outcome): void {
    void this.post(() => this.deliver(outcome));
  }

  private async apply(decision: Decision): Promise<void> {
    if (this.host.metrics) this.host.metrics.decisions++;
    this.clearTimer();
    this.collector = null;
    this.running = null;
    this.state = decision.state;
    const { commands } = decision;
    this.log.debug({ callId: this.channel.callId, step: decision.state.step, awaiting: decision.state.awaiting.kind, commands: commands.map((c) => c.kind) }, "call session: decision");
    const awaitsSwitch = decision.state.awaiting.kind === "verb";
    const last = commands.length - 1;
    // The state is stored beside the commands, not before them (a write per step would otherwise add to every
    // step's latency); writes go out in order. A worker that dies in between resumes from the previous state: the
    // previous verb runs again, which a caller hears as a repeated prompt, never as silence.
    const prepared = awaitsSwitch && last >= 0 ? await this.prepare(commands[last]!, decision.state.step) : null;
    void this.save();
    for (let i = 0; i < commands.length; i++) {
      const command = commands[i]!;
      const awaited = awaitsSwitch && i === last;
      try {
        await this.execute(command, awaited ? decision.state.step : null, awaited ? prepared : null);
      } catch (err) {
        if (isChannelGone(err)) return;
        throw err;
      }
    }
  }

  private saving: Promise<void> = Promise.resolve();
  /** A state waiting for the write in flight to finish; a newer one replaces it (only the latest is worth writing). */
  private nextSave: { session: StoredSession | null } | null = null;

  /** Stores the state as it is now, after the write in flight (one call's writes never overtake each other). */
  private save(): Promise<void> {
    const session: StoredSession | null = this.state && this.state.awaiting.kind !== "ended" ? structuredClone({ state: this.state, running: this.running }) : null;
    const queued = this.nextSave !== null;
    this.nextSave = { session };
    if (queued) return this.saving;
    this.saving = this.saving.then(async () => {
      const next = this.nextSave;
      this.nextSave = null;
      if (!next) return;
      await this.host.voice.saveVoiceSession({ callId: this.channel.callId, session: next.session }).catch((err: unknown) => this.log.warn({ err, callId: this.channel.callId }, "could not store the call's session state"));
    });
    return this.host.track(this.saving);
  }

  /** The running record of an awaited switch command, set before the state is stored (uuids chosen up front). */
  private async prepare(command: Command, step: number): Promise<Running | null> {
    switch (command.kind) {
      case "speak":
      case "play":
      case "silence":
        return (this.running = { kind: "prompt", step, eventUuid: randomUUID(), loopsLeft: loopCount(command.kind === "silence" ? 1 : command.loop) - 1, prompt: command });
      case "playDigits":
        return (this.running = { kind: "prompt", step, eventUuid: randomUUID(), loopsLeft: 0, prompt: { kind: "digits", digits: command.digits } });
      case "collectInput":
        return (this.running = { kind: "collect", step, lastPromptUuid: null, promptsDone: false });
      default:
        return null;
    }
  }

  private get promptContext() {
    return { tenantId: this.channel.tenantId, media: this.host.media, speech: this.host.speech };
  }

  private get uuid(): string {
    return this.channel.uuid;
  }

  private live(): boolean {
    return !this.channel.hangupSeen && this.channel.hangup === null && this.channel.killRequested === null;
  }

  /** The channel's playback_terminators as this session last set them (null: unknown, e.g. after a restart). */
  private terminators: string | null = null;

  /** Keys that end a prompt or a recording: set on the channel only when they change. */
  private async setTerminators(keys: string): Promise<void> {
    if (this.terminators === keys) return;
    this.terminators = keys;
    await this.send(terminatorsApplication(keys === "" ? "none" : keys));
  }

  /**
   * Hands an application to the switch. The reply is not waited for: commands reach the switch in the order they are
   * written, and the session's next step must not wait behind a busy switch's reply (bench:ivr measured 300 ms at
   * p99 when it did). A refusal other than "the channel is gone" is logged; its verb's outcome never comes, and the
   * call's own hang-up or the caller ends it.
   */
  private send(app: SwitchApplication, eventUuid?: string): Promise<void> {
    this.commandSent();
    this.host.esl.sendmsg(this.uuid, app.app, app.arg, eventUuid).catch((err: unknown) => {
      if (!isChannelGone(err)) this.log.warn({ err, callId: this.channel.callId, app: app.app }, "the switch refused an application");
    });
    return Promise.resolve();
  }

  private async execute(command: Command, step: number | null, running: Running | null): Promise<void> {
    switch (command.kind) {
      case "speak":
      case "play":
      case "silence":
        return this.playPrompt(command, step, running);
      case "playDigits":
        if (!this.live()) return;
        return void (await this.send(sendDtmfApplication(command.digits), running?.kind === "prompt" ? running.eventUuid : undefined));
      case "collectInput":
        return this.collect(command, step!);
      case "record":
        return this.record(command, step!);
      case "dial":
        return this.dial(command, step!);
      case "fetch":
        return this.fetch(command.url, command.method, command.params, this.state!.step);
      case "notify":
        return void this.host.track(this.notify(command.url, command.method, command.params));
      case "reportError":
        return this.reportError(command.code, command.message, command.verbIndex);
      case "reject":
        if (!this.live()) return;
        return void (await this.send(hangupApplication(command.reason === "busy" ? "USER_BUSY" : "CALL_REJECTED")));
      case "hangup":
        if (!this.live()) return;
        return void (await this.send(hangupApplication("NORMAL_CLEARING")));
      case "startRecording":
        return this.startCallRecording();
      case "stopRecording":
        return this.stopCallRecording();
      case "connectStream":
        if (step !== null) this.deliverLater({ kind: "failed", step, code: 12200, message: "<Connect><Stream> needs a media-streaming module this switch does not have" });
        return;
      case "startStream":
        return this.reportError(12200, "<Start><Stream> needs a media-streaming module this switch does not have: the stream was not started", this.state?.verbIndex ?? null);
      case "stopStream":
        return;
    }
  }

  // ── prompts ───────────────────────────────────────────────────────────────────────────────────────────────────

  private async playPrompt(prompt: Prompt, step: number | null, running: Running | null): Promise<void> {
    if (!this.live()) return;
    const built = await promptApplication(prompt, this.promptContext);
    if (!built.ok) {
      if (step !== null) return this.deliverLater({ kind: "failed", step, code: built.code, message: built.message });
      return this.reportError(built.code, built.message, null);
    }
    if (built.file && prompt.kind === "play") this.channel.playbacks.set(built.file, prompt.source);
    // Outside a gather the caller's keys do not cut a prompt short (Twilio's rule; the switch's default is `*`).
    await this.setTerminators("none");
    if (running?.kind === "prompt") return void (await this.send(built.app, running.eventUuid));
    // Not awaited (the apology before a hang-up): played as many times as asked, at most ten.
    for (let i = 0; i < loopCount(prompt.kind === "silence" ? 1 : prompt.loop, 10); i++) await this.send(built.app);
  }

  private async promptCompleted(running: Extract<Running, { kind: "prompt" }>, event: EslEvent): Promise<void> {
    if (event.get("Application") === "playback" && PLAYBACK_FAILED.has(event.get("Application-Response") ?? "")) {
      const file = event.get("Application-Data") ?? "";
      return this.deliver({ kind: "failed", step: running.step, code: 11200, message: `the switch could not play ${this.channel.playbacks.get(file) ?? file} (${event.get("Application-Response")})` });
    }
    if (running.loopsLeft > 0 && running.prompt.kind !== "digits" && this.live() && !this.interruptedByKey(event)) {
      running.loopsLeft--;
      running.eventUuid = randomUUID();
      const built = await promptApplication(running.prompt, this.promptContext);
      if (built.ok) return void (await this.send(built.app, running.eventUuid).catch((err: unknown) => (isChannelGone(err) ? undefined : Promise.reject(err))));
    }
    return this.deliver({ kind: "done", step: running.step });
  }

  /** A playback ended by a terminator key (a prompt loop stops there too). */
  private interruptedByKey(event: EslEvent): boolean {
    return (event.variable("playback_terminator_used") ?? "") !== "" && event.get("Application-Response") !== "FILE PLAYED";
  }

  // ── gather ────────────────────────────────────────────────────────────────────────────────────────────────────

  private async collect(command: CollectInputCommand, step: number): Promise<void> {
    const running = this.running?.kind === "collect" ? this.running : (this.running = { kind: "collect", step, lastPromptUuid: null, promptsDone: false });
    this.collector = command.dtmf ? new DigitCollector({ numDigits: command.dtmf.numDigits, finishOnKey: command.dtmf.finishOnKey }) : null;
    this.speech = command.speech;
    if (command.speech?.partialResults) {
      await this.reportError(12200, "partialResultCallback needs streaming recognition, which this switch has no module for: no partial results are sent", this.state?.verbIndex ?? null);
    }
    this.timeoutSeconds = command.timeoutSeconds;
    this.bargeIn = command.bargeIn;
    if (!this.live()) return;
    await this.setTerminators(command.bargeIn ? "any" : "none");
    for (const prompt of command.prompts) {
      const built = await promptApplication(prompt, this.promptContext);
      if (!built.ok) {
        await this.reportError(built.code, built.message, this.state?.verbIndex ?? null);
        continue;
      }
      for (let i = 0; i < loopCount(prompt.kind === "silence" ? 1 : prompt.loop, 10); i++) {
        running.lastPromptUuid = randomUUID();
        await this.send(built.app, running.lastPromptUuid);
      }
    }
    if (running.lastPromptUuid === null) this.promptsFinished(running);
  }

  private timeoutSeconds = 5;
  private bargeIn = true;
  private speech: CollectInputCommand["speech"] = null;

  private promptsFinished(running: Extract<Running, { kind: "collect" }>): void {
    if (running.promptsDone) return;
    running.promptsDone = true;
    if (this.speech) void this.post(() => this.listen(running));
    else this.armTimer(running.step, this.timeoutSeconds);
  }

  /**
   * Speech: the caller's utterance is recorded until they fall silent (the stock switch has no streaming recognizer)
   * and handed to the recognizer (speech-port.ts). When keys are allowed too, a key ends the recording and input
   * goes on as keys.
   */
  private async listen(running: Extract<Running, { kind: "collect" }>): Promise<void> {
    const spec = this.speech;
    if (!spec || this.running !== running || !this.live()) return;
    const file = path.resolve(this.host.recordingsDir, this.channel.tenantId, `utterance-${this.channel.callId}-${running.step}.wav`);
    await mkdir(path.dirname(file), { recursive: true });
    running.utterance = { eventUuid: randomUUID(), file };
    await this.setTerminators(this.collector ? "any" : "none");
    const endSilence = spec.endSilence === "auto" ? 2 : Math.max(1, spec.endSilence);
    await this.send(recordApplication(file, this.host.recordingsDir, spec.maxSeconds, Math.max(endSilence, 1)), running.utterance.eventUuid);
  }

  private async utteranceEnded(running: Extract<Running, { kind: "collect" }>, event: EslEvent): Promise<void> {
    const utterance = running.utterance!;
    running.utterance = null;
    const spec = this.speech;
    try {
      // A key ended the recording: input goes on as keys (the key itself arrived as a DTMF event).
      if (this.collector && !this.collector.empty) return;
      if (!spec || !this.live()) return;
      const ms = Number(event.variable("record_ms") ?? 0);
      const audio = ms >= 250 ? await readFile(utterance.file).catch(() => null) : null;
      if (!audio) return this.deliver({ kind: "timeout", step: running.step });
      const heard = await this.host.speech.recognize({ tenantId: this.channel.tenantId, audio, language: spec.language, hints: spec.hints, model: spec.model, profanityFilter: spec.profanityFilter });
      if (!heard.ok) return this.deliver({ kind: "failed", step: running.step, code: heard.code, message: `speech recognition: ${heard.message}` });
      if (!heard.transcript) return this.deliver({ kind: "timeout", step: running.step });
      return this.deliver({ kind: "speech", step: running.step, transcript: heard.transcript, confidence: heard.confidence ?? 0 });
    } finally {
      await rm(utterance.file, { force: true }).catch(() => undefined);
    }
  }

  private armTimer(step: number, seconds: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.post(() => this.inputTimedOut(step));
    }, seconds * 1000);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async inputTimedOut(step: number): Promise<void> {
    if (this.running?.kind !== "collect" || this.running.step !== step) return;
    const collector = this.collector;
    if (collector && !collector.empty) return this.deliver({ kind: "digits", step, digits: collector.collected, terminator: null });
    return this.deliver({ kind: "timeout", step });
  }

  private async keyPressed(running: Extract<Running, { kind: "collect" }>, key: string): Promise<void> {
    const collector = this.collector;
    if (!collector) return;
    if (!running.promptsDone) {
      if (!this.bargeIn) return;
      // The caller answered over the prompts: stop them (and the ones still queued). Not awaited: the command is on
      // the socket before anything this session sends next, and the switch runs api commands in the order they come.
      running.promptsDone = true;
      void this.host.esl.api(`uuid_break ${this.uuid} all`).catch(() => undefined);
    }
    const input = collector.press(key);
    if (input.complete) return this.deliver({ kind: "digits", step: running.step, digits: input.digits, terminator: input.terminator });
    this.armTimer(running.step, this.timeoutSeconds);
  }

  // ── record ────────────────────────────────────────────────────────────────────────────────────────────────────

  private async record(command: RecordCommand, step: number): Promise<void> {
    if (!this.live()) return;
    if (command.trimSilence) await this.reportError(12200, `<Record trim="trim-silence">: not honoured yet on IRISX; the recording keeps its silence`, this.state?.verbIndex ?? null);
    const file = path.resolve(this.host.recordingsDir, this.channel.tenantId, `${this.channel.callId}-${step}.wav`);
    // The record application does not create folders, and a file it cannot open hangs the call up
    // (DESTINATION_OUT_OF_ORDER, seen on the real switch); the worker shares the recordings folder with the switch.
    await mkdir(path.dirname(file), { recursive: true });
    const { recordingId } = await this.host.voice.startRecording({ call: { id: this.channel.callId, tenantId: this.channel.tenantId }, switchPath: file, channels: 1 });
    this.running = { kind: "record", step, eventUuid: randomUUID(), recordingId, file };
    this.recordCommand = command;
    void this.save();
    await this.setTerminators(command.finishOnKey);
    if (command.playBeep) await this.send(BEEP_APPLICATION);
    await this.send(recordApplication(file, this.host.recordingsDir, command.maxLengthSeconds, command.silenceTimeoutSeconds), this.running.eventUuid);
  }

  private recordCommand: RecordCommand | null = null;

  private recordingFacts(recordingId: string, durationSeconds: number): RecordingFacts {
    const twiml = this.state?.document.source.dialect === "twiml";
    const url = twiml
      ? `${this.host.appUrl}/2010-04-01/Accounts/${this.channel.accountSid}/Recordings/${recordingId}`
      : `${this.host.appUrl}/api/v1/recordings/${recordingId}/media`;
    return { sid: recordingId, url, durationSeconds };
  }

  private async recordCompleted(running: Extract<Running, { kind: "record" }>, event: EslEvent): Promise<void> {
    const hungUp = !this.live();
    const key = event.variable("playback_terminator_used") ?? "";
    const ms = Number(event.variable("record_ms") ?? NaN);
    // The words are read from the switch's file before ingest moves it into the store.
    const transcribe = this.recordCommand?.transcribe && ms >= 500 ? await readFile(running.file).catch(() => null) : null;
    const ingested = await this.host.voice
      .ingestRecording({ recordingId: running.recordingId, callId: this.channel.callId, switchPath: running.file, at: new Date() })
      .catch((err: unknown) => {
        this.log.error({ err, callId: this.channel.callId }, "record verb: recording ingest failed");
        return null;
      });
    const seconds = ingested?.status === "COMPLETED" ? (ingested.durationSeconds ?? Math.round(ms / 1000)) : 0;
    const facts = this.recordingFacts(running.recordingId, Number.isFinite(seconds) ? seconds : 0);
    const callback = this.recordCommand?.statusCallback;
    if (callback && facts.durationSeconds > 0) {
      const params = { AccountSid: this.channel.accountSid, CallSid: this.channel.callId, RecordingSid: facts.sid, RecordingUrl: facts.url, RecordingStatus: "completed", RecordingDuration: String(facts.durationSeconds), RecordingChannels: "1", RecordingSource: "RecordVerb" };
      void this.host.track(this.notify(callback.url, callback.method, params));
    }
    if (transcribe && facts.durationSeconds > 0) void this.host.track(this.transcribe(transcribe, facts, this.recordCommand!.transcribe!.callback));
    return this.deliver({ kind: "recorded", step: running.step, recording: facts, terminator: hungUp ? "hangup" : key || null });
  }

  /** <Record transcribe>: the recognizer's words posted to transcribeCallback (Twilio's parameters), off the call's path. */
  private async transcribe(audio: Buffer, recording: RecordingFacts, callback: Callback | null): Promise<void> {
    const heard = await this.host.speech.recognize({ tenantId: this.channel.tenantId, audio, language: "en-US", hints: null, model: null, profanityFilter: false });
    if (!heard.ok) await this.recordDebugger({ code: heard.code, message: `transcription of ${recording.sid}: ${heard.message}`, source: "provider" });
    if (!callback) return;
    await this.notify(callback.url, callback.method, {
      AccountSid: this.channel.accountSid,
      CallSid: this.channel.callId,
      From: this.channel.from,
      To: this.channel.to,
      RecordingSid: recording.sid,
      RecordingUrl: recording.url,
      TranscriptionSid: `TR${randomUUID().replace(/-/g, "")}`,
      TranscriptionStatus: heard.ok ? "completed" : "failed",
      TranscriptionText: heard.ok ? heard.transcript : "",
      TranscriptionType: "fast",
    });
  }

  // ── dial ──────────────────────────────────────────────────────────────────────────────────────────────────────

  private async dial(command: DialCommand, step: number): Promise<void> {
    if (!this.live()) return;
    const conference = command.targets.find((t) => t.kind === "conference");
    if (conference) return this.joinConference(conference, command.targets.length, step);
    const targets = command.targets.filter((t): t is Extract<typeof t, { kind: "number" } | { kind: "sip" }> => t.kind === "number" || t.kind === "sip");
    const other = command.targets.find((t) => t.kind !== "number" && t.kind !== "sip");
    if (other || targets.length === 0) {
      this.deliverLater({ kind: "failed", step, code: 12200, message: `<Dial><${other ? other.kind[0]!.toUpperCase() + other.kind.slice(1) : "Number"}> cannot be dialled on IRISX yet` });
      return;
    }
    const ignored = unhonouredDialAttributes(command);
    if (ignored.length > 0) await this.reportError(12200, `<Dial> ${ignored.join(", ")}: not honoured yet on IRISX; the dial goes on without`, this.state?.verbIndex ?? null);
    const callerId = command.callerId ?? this.channel.from;
    const planned = targets.map((target) => ({ target, uuid: randomUUID(), to: target.kind === "number" ? target.number : target.uri }));
    const created = await this.host.voice.createDialLegs({
      parentCallId: this.channel.callId,
      tenantId: this.channel.tenantId,
      switchId: this.host.switchId,
      workerId: this.host.workerId,
      callerId,
      timeoutSeconds: command.timeoutSeconds,
      timeLimitSeconds: command.timeLimitSeconds,
      legs: planned.map((p) => ({ to: p.to, channelUuid: p.uuid })),
    });
    if (!created.ok) return this.deliverLater({ kind: "failed", step, code: created.code, message: created.message });
    const legs: DialLeg[] = planned.map((p, i) => ({
      uuid: p.uuid,
      callId: created.legs[i]!.callId,
      tenantId: this.channel.tenantId,
      target: p.target,
      callerId,
      timeoutSeconds: command.timeoutSeconds,
      gateway: this.host.defaultGateway,
    }));
    let app: SwitchApplication;
    try {
      app = bridgeApplication(legs, command.sequential);
    } catch (e) {
      if (!(e instanceof DialTargetError)) throw e;
      await this.host.voice.finalizeCalls(legs.map((leg) => ({ channelUuid: leg.uuid, endedAt: new Date(), hangupCause: "INVALID_NUMBER_FORMAT", sipStatus: null, durationSeconds: 0, billsec: 0 })));
      return this.deliverLater({ kind: "failed", step, code: e.code, message: e.message });
    }
    this.running = {
      kind: "dial",
      step,
      eventUuid: randomUUID(),
      legs: legs.map((leg) => ({ callId: leg.callId, uuid: leg.uuid, sendDigits: leg.target.kind === "number" ? leg.target.sendDigits : null })),
      bridgedAt: null,
      bridgedTo: null,
      timeLimitSeconds: command.timeLimitSeconds,
      recording: null,
      recordWanted: command.record !== null,
    };
    void this.save();
    // Without continue_on_fail the switch hangs the caller up when no leg answers, and hangup_after_bridge would end
    // the call when the called party does (both seen on the real switch): the document goes on either way.
    await this.send({ app: "set", arg: "continue_on_fail=true" });
    await this.send({ app: "set", arg: "hangup_after_bridge=false" });
    await this.send({ app: "set", arg: `bridge_terminate_key=${command.hangupOnStar ? "*" : ""}` });
    await this.send(app, this.running.eventUuid);
  }

  /**
   * <Dial><Conference>: the caller is a member of the tenant's room until they leave it or it ends. The participant
   * row is written first (conferences use-cases; a full room refuses the call: the dial fails), then the room's
   * variables and the conference application.
   */
  private async joinConference(target: ConferenceTarget, nouns: number, step: number): Promise<void> {
    if (nouns > 1) return this.deliverLater({ kind: "failed", step, code: 12200, message: "<Conference> must be the only noun of its <Dial>" });
    const { tenantId, callId } = this.channel;
    const room = conferenceRoom(tenantId, target.name);
    const recordingPath = target.record ? path.resolve(this.host.recordingsDir, tenantId, `${callId}-conference-${step}.wav`) : null;
    // The switch writes the room's recording there: the tenant's folder is made first, as for the record verb.
    if (recordingPath) await mkdir(path.dirname(recordingPath), { recursive: true }).catch(() => undefined);
    const joined = await this.host.voice
      .joinConference({
        tenantId,
        callId,
        switchId: this.host.switchId,
        friendlyName: target.name,
        room,
        label: target.participantLabel,
        muted: target.muted,
        startConferenceOnEnter: target.startOnEnter,
        endConferenceOnExit: target.endOnExit,
        callSidToCoach: target.coach,
        maxParticipants: target.maxParticipants,
        statusCallback: target.statusCallback,
        recordingPath,
        recordingStatusCallback: target.recordingStatusCallback,
      })
      .catch((err: unknown) => {
        this.log.error({ err, callId }, "could not store the conference participant; joining all the same");
        return null;
      });
    if (joined && !joined.ok) {
      await this.recordDebugger({ code: 12400, message: `conference ${target.name} is full (maxParticipants ${target.maxParticipants}): the call was not added`, source: "verb" });
      return this.deliverLater({ kind: "dialEnded", step, status: "failed", dialCallSid: null, durationSeconds: 0, bridged: false, recording: null, callerHungUp: false });
    }
    const waitMusic = target.waitUrl ? await waitMusicFile({ tenantId, waitUrl: target.waitUrl, media: this.host.media, sign: (input) => this.host.voice.signRequest(input) }) : null;
    this.running = { kind: "conference", step, eventUuid: randomUUID(), room, joinedAt: Date.now() };
    void this.save();
    await this.setTerminators("none");
    for (const app of conferenceVariables(target, waitMusic)) await this.send(app);
    await this.send(conferenceApplication(tenantId, target), this.running.eventUuid);
  }

  private async conferenceLeft(running: Extract<Running, { kind: "conference" }>): Promise<void> {
    return this.deliver({
      kind: "dialEnded",
      step: running.step,
      status: "completed",
      dialCallSid: null,
      durationSeconds: Math.max(0, Math.round((Date.now() - running.joinedAt) / 1000)),
      bridged: false,
      recording: null,
      callerHungUp: !this.live(),
    });
  }

  private async bridged(running: Extract<Running, { kind: "dial" }>, event: EslEvent): Promise<void> {
    if (running.bridgedAt !== null) return;
    const other = event.get("Other-Leg-Unique-ID") ?? event.get("Bridge-B-Unique-ID") ?? null;
    // The switch's own clock, as the duration is reckoned from its events.
    running.bridgedAt = eventTime(event).getTime();
    running.bridgedTo = other;
    const leg = running.legs.find((l) => l.uuid === other);
    if (other && running.timeLimitSeconds > 0) await this.host.esl.api(`sched_hangup +${running.timeLimitSeconds} ${other} ALLOTTED_TIMEOUT`).catch(() => undefined);
    if (other && leg?.sendDigits && /^[0-9*#A-Dw]{1,64}$/.test(leg.sendDigits)) await this.host.esl.api(`uuid_send_dtmf ${other} ${leg.sendDigits}`).catch(() => undefined);
    if (running.recordWanted) {
      const file = path.resolve(this.host.recordingsDir, this.channel.tenantId, `${this.channel.callId}-dial-${running.step}.wav`);
      const { recordingId } = await this.host.voice.startRecording({ call: { id: this.channel.callId, tenantId: this.channel.tenantId }, switchPath: file });
      await this.host.esl.api(`uuid_setvar ${this.uuid} RECORD_STEREO true`).catch(() => undefined);
      const reply = await this.host.esl.api(`uuid_record ${this.uuid} start ${file}`).catch((err: unknown) => `-ERR ${String(err)}`);
      if (reply.trim().startsWith("+OK")) running.recording = { id: recordingId, file };
      else await this.host.voice.failRecording({ recordingId, errorMessage: `the switch refused to record the dial: ${reply.trim()}` });
    }
    void this.save();
  }

  private async dialCompleted(running: Extract<Running, { kind: "dial" }>, event: EslEvent): Promise<void> {
    const callerHungUp = !this.live();
    const bridged = running.bridgedAt !== null;
    let recording: RecordingFacts | null = null;
    if (running.recording) {
      if (!callerHungUp) await this.host.esl.api(`uuid_record ${this.uuid} stop ${running.recording.file}`).catch(() => undefined);
      const ingested = await this.host.voice
        .ingestRecording({ recordingId: running.recording.id, callId: this.channel.callId, switchPath: running.recording.file, at: new Date() })
        .catch(() => null);
      if (ingested?.status === "COMPLETED") recording = this.recordingFacts(running.recording.id, ingested.durationSeconds ?? 0);
    }
    const answeredLeg = running.legs.find((l) => l.uuid === running.bridgedTo) ?? null;
    return this.deliver({
      kind: "dialEnded",
      step: running.step,
      status: dialStatusOf(event.variable("DIALSTATUS"), bridged, callerHungUp),
      dialCallSid: answeredLeg?.callId ?? (running.legs.length === 1 ? running.legs[0]!.callId : null),
      durationSeconds: bridged ? Math.max(0, Math.round((eventTime(event).getTime() - running.bridgedAt!) / 1000)) : 0,
      bridged,
      recording,
      callerHungUp,
    });
  }

  // ── documents, callbacks, errors ──────────────────────────────────────────────────────────────────────────────

  private async fetch(url: string, method: "GET" | "POST", params: Record<string, string>, step: number): Promise<void> {
    this.commandSent();
    const started = performance.now();
    void this.host.track(
      (async () => {
        const outcome = await this.fetchOutcome(url, method, params, step);
        const at = performance.now();
        this.host.metrics?.fetches.add(at - started);
        void this.post(() => this.whileHandling(at, "answer", () => this.deliver(outcome)));
      })(),
    );
  }

  private async fetchOutcome(url: string, method: "GET" | "POST", params: Record<string, string>, step: number): Promise<Outcome> {
    if (isInternalUrl(url)) {
      const served = await this.host.voice.serveInternalApp({ tenantId: this.channel.tenantId, callId: this.channel.callId, url, params }).catch((err: unknown) => ({ ok: false as const, code: 12400, message: String(err) }));
      if (served.ok) return { kind: "fetched", step, document: served.document, dialect: "json" };
      this.fetchProblem = { code: served.code, problem: { url, httpStatus: null } };
      return { kind: "fetchFailed", step, code: served.code, message: served.message };
    }
    const result = await fetchVoiceDocument({ tenantId: this.channel.tenantId, url, method, params, sign: (input) => this.host.voice.signRequest(input) });
    if (result.ok) return { kind: "fetched", step, document: result.document, dialect: result.dialect };
    this.fetchProblem = { code: result.code, problem: { ...result.problem, url, httpStatus: result.statusCode } };
    return { kind: "fetchFailed", step, code: result.code, message: result.error };
  }

  private async notify(url: string, method: "GET" | "POST", params: Record<string, string>): Promise<void> {
    if (isInternalUrl(url)) {
      await this.host.voice.serveInternalApp({ tenantId: this.channel.tenantId, callId: this.channel.callId, url, params }).catch(() => undefined);
      return;
    }
    const result = await fetchVoiceDocument({ tenantId: this.channel.tenantId, url, method, params, sign: (input) => this.host.voice.signRequest(input) });
    // The answer to a notification is not run; only an unreachable URL is worth an entry.
    if (!result.ok && result.statusCode === null && result.problem === undefined) {
      await this.recordDebugger({ code: result.code, message: `${url}: ${result.error}`, url, source: "fetch" });
    }
  }

  private async reportError(code: number, message: string, verbIndex: number | null): Promise<void> {
    const fetched = this.fetchProblem?.code === code ? this.fetchProblem.problem : null;
    this.fetchProblem = null;
    const verb = verbIndex !== null ? this.state?.document.verbs[verbIndex] : undefined;
    await this.recordDebugger({
      code,
      message,
      ...(fetched ? { url: fetched.url, ...(fetched.httpStatus !== null ? { httpStatus: fetched.httpStatus } : {}) } : {}),
      ...(fetched?.line !== undefined ? { line: fetched.line, column: fetched.column } : {}),
      ...(fetched?.verb !== undefined ? { verb: fetched.verb } : verb ? { verb: verbName(verb) } : {}),
      ...(fetched?.attribute !== undefined ? { attribute: fetched.attribute } : {}),
      ...(verbIndex !== null ? { verbIndex } : {}),
      source: fetched ? (fetched.line !== undefined || fetched.verb !== undefined ? "document" : "fetch") : "verb",
    });
  }

  private async recordDebugger(data: Record<string, unknown> & { code: number; message: string }): Promise<void> {
    this.log.warn({ callId: this.channel.callId, tenantId: this.channel.tenantId, ...data }, "call application error");
    await this.host.voice
      .recordCallEvent({ channelUuid: this.uuid, type: "debugger.error", at: new Date(), data })
      .catch((err: unknown) => this.log.error({ err, callId: this.channel.callId }, "could not store a debugger entry"));
  }

  // ── call recording started and stopped by <Start><Recording> / <Stop><Recording> ─────────────────────────────

  private callRecording: { id: string; file: string } | null = null;

  private async startCallRecording(): Promise<void> {
    if (!this.live() || this.callRecording) return;
    const file = path.resolve(this.host.recordingsDir, this.channel.tenantId, `${this.channel.callId}-rec-${this.state?.step ?? 0}.wav`);
    const { recordingId } = await this.host.voice.startRecording({ call: { id: this.channel.callId, tenantId: this.channel.tenantId }, switchPath: file });
    const reply = await this.host.esl.api(`uuid_record ${this.uuid} start ${file}`).catch((err: unknown) => `-ERR ${String(err)}`);
    if (reply.trim().startsWith("+OK")) this.callRecording = { id: recordingId, file };
    else await this.host.voice.failRecording({ recordingId, errorMessage: `the switch refused to record: ${reply.trim()}` });
  }

  private async stopCallRecording(): Promise<void> {
    const recording = this.callRecording;
    if (!recording) return;
    this.callRecording = null;
    await this.host.esl.api(`uuid_record ${this.uuid} stop ${recording.file}`).catch(() => undefined);
    await this.host.voice.ingestRecording({ recordingId: recording.id, callId: this.channel.callId, switchPath: recording.file, at: new Date() }).catch(() => null);
  }

  /** A recording still running when the call ends is ingested (the switch closed the file at hang-up). */
  async finishRecordings(): Promise<void> {
    await this.post(() => this.stopCallRecording());
  }

  // ── switch events ─────────────────────────────────────────────────────────────────────────────────────────────

  private async handleEvent(event: EslEvent): Promise<void> {
    const running = this.running;
    this.log.debug({ callId: this.channel.callId, event: event.name, app: event.get("Application"), appUuid: event.get("Application-UUID"), digit: event.get("DTMF-Digit"), running: running?.kind }, "call session: switch event");
    if (!running) return;
    if (event.name === "DTMF") {
      if (running.kind === "collect") await this.keyPressed(running, event.get("DTMF-Digit") ?? "");
      return;
    }
    if (event.name === "CHANNEL_BRIDGE") {
      if (running.kind === "dial") await this.bridged(running, event);
      return;
    }
    const appUuid = event.get("Application-UUID");
    if (!appUuid) return;
    switch (running.kind) {
      case "prompt":
        if (appUuid === running.eventUuid) await this.promptCompleted(running, event);
        return;
      case "collect":
        if (appUuid === running.lastPromptUuid) this.promptsFinished(running);
        else if (running.utterance && appUuid === running.utterance.eventUuid) await this.utteranceEnded(running, event);
        return;
      case "record":
        if (appUuid === running.eventUuid) await this.recordCompleted(running, event);
        return;
      case "dial":
        if (appUuid === running.eventUuid) await this.dialCompleted(running, event);
        return;
      case "conference":
        if (appUuid === running.eventUuid) await this.conferenceLeft(running);
        return;
    }
  }

  /** Stops what the switch runs for this call (a live change): the current application and the queued ones. */
  private async stopRunning(): Promise<void> {
    this.clearTimer();
    const running = this.running;
    this.running = null;
    this.collector = null;
    if (!running || !this.live()) return;
    if (running.kind === "dial" && running.bridgedTo) await this.host.esl.api(`uuid_kill ${running.bridgedTo} NORMAL_CLEARING`).catch(() => undefined);
    await this.host.esl.api(`uuid_break ${this.uuid} all`).catch(() => undefined);
    if (running.kind === "record") {
      await this.host.voice.ingestRecording({ recordingId: running.recordingId, callId: this.channel.callId, switchPath: running.file, at: new Date() }).catch(() => null);
    }
  }
}

/** What a dial asks for that this platform does not do yet: reported to the debugger, never dropped in silence. */
export function unhonouredDialAttributes(command: DialCommand): string[] {
  const out: string[] = [];
  if (command.answerOnBridge) out.push("answerOnBridge (the call is answered when it arrives)");
  if (command.ringTone) out.push("ringTone");
  if (command.referUrl) out.push("referUrl");
  if (command.record && (command.record.dualChannel || command.record.track !== "both" || command.record.trimSilence)) out.push("record's channels, track or trim");
  if (command.record?.statusCallback) out.push("recordingStatusCallback");
  for (const target of command.targets) {
    if (target.kind !== "number" && target.kind !== "sip") continue;
    if (target.answerUrl) out.push(`<${target.kind === "number" ? "Number" : "Sip"} url> (whisper)`);
    if (target.statusCallback) out.push(`<${target.kind === "number" ? "Number" : "Sip"} statusCallback>`);
    if (target.machineDetection) out.push("machineDetection");
  }
  return [...new Set(out)];
}

/** sendmsg to a channel that no longer exists: `-ERR invalid session id [...]` / `-ERR No such channel`. */
export function isChannelGone(err: unknown): boolean {
  return err instanceof Error && /invalid session id|no such channel/i.test(err.message);
}

export type { Callback };
