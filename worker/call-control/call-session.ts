// One live call's verb interpreter on the switch: the pure interpreter (src/server/voice-documents/interpreter)
// decides, this carries its commands out one verb at a time and turns the switch's events into its outcomes.
//   prompt (say/play/pause/digits) → sendmsg execute with an Event-UUID; done at its CHANNEL_EXECUTE_COMPLETE
//   collectInput → playback_terminators, the prompts, then keys from DTMF events (digit-collector.ts) and a timer
//   record → a `record` application into the recordings folder; recorded at its CHANNEL_EXECUTE_COMPLETE
//   dial → child calls (create-dial-legs.ts) rung by `bridge`; dialEnded at its CHANNEL_EXECUTE_COMPLETE
//   fetch → the tenant's URL (fetch-voice-document.ts) or a platform application (irisx: URLs), off the call's queue
//   connectStream / startStream / stopStream → Twilio Media Streams (stream-runner.ts): unicast audio or a tailed recording
// Work for one call runs in order on the session's own chain, so a slow URL never holds up other calls or the
// call's own hang-up bookkeeping. The state is stored after every decision with what the switch is running, so a
// worker that restarts mid-call resumes it (start-call-session.ts). The verb families run in their own modules:
// gather-runner.ts, record-runner.ts, dial-runner.ts (dial and conferences); session-ops.ts is their contract.
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Logger } from "@/server/logger";
import { isInternalUrl } from "@/server/voice-apps/internal-apps";
import { advanceSession } from "@/server/voice-documents/interpreter/advance-session";
import type { Command, Prompt } from "@/server/voice-documents/interpreter/commands";
import type { Outcome, RecordingFacts } from "@/server/voice-documents/interpreter/outcomes";
import type { Decision } from "@/server/voice-documents/interpreter/run-verbs";
import type { SessionState } from "@/server/voice-documents/interpreter/session-state";
import { verbName } from "@/server/voice-documents/voice-document.schemas";
import type { EslEvent } from "../esl/wire";
import type { TrackedChannel } from "../channel-table";
import { AcdOfferRunner } from "./acd-offer-runner";
import { DequeueRunner } from "./dequeue-runner";
import { DialRunner } from "./dial-runner";
import { releaseWhisperedLeg } from "./whisper";
import { fetchVoiceDocument, type DocumentProblem } from "./fetch-voice-document";
import { GatherRunner } from "./gather-runner";
import { loopCount, promptApplication } from "./prompt-apps";
import { QueueRunner } from "./queue-runner";
import { RecordRunner } from "./record-runner";
import { StreamRunner } from "./stream-runner";
import { ReferRunner } from "./refer-runner";
import type { Running, SessionHost, SessionOps, StoredSession } from "./session-ops";
import { hangupApplication, sendDtmfApplication, terminatorsApplication, type SwitchApplication } from "./switch-commands";

/** Applications whose Application-Response means nothing was played (mod_dptools playback). */
const PLAYBACK_FAILED = new Set(["FILE NOT FOUND", "PLAYBACK ERROR"]);

/** How long a queued hangup may take (behind an apology of a few seconds) before the call is killed instead. */
const HANGUP_GUARD_MS = 12_000;

export class CallSession implements SessionOps {
  private chain: Promise<void> = Promise.resolve();
  state: SessionState | null = null;
  running: Running | null = null;
  /** The details of the last failed fetch, for the debugger entry the interpreter asks for next. */
  private fetchProblem: { code: number; problem: DocumentProblem & { url: string; httpStatus: number | null } } | null = null;
  /** When the outcome being acted on arrived, and from where (session-metrics.ts); 0 once the next command went. */
  private outcomeAt = 0;
  private outcomeFrom: "switch" | "answer" = "switch";

  private readonly gather = new GatherRunner(this);
  private readonly recorder = new RecordRunner(this);
  private readonly dialer = new DialRunner(this);
  private readonly streams = new StreamRunner(this);
  private readonly queues = new QueueRunner(this);
  private readonly referrer = new ReferRunner(this);
  readonly dequeuer = new DequeueRunner(this);
  readonly acdOffers = new AcdOfferRunner(this, () => this.stopRunning());

  constructor(
    readonly host: SessionHost,
    readonly channel: TrackedChannel,
  ) {
    this.tracing = host.log.isLevelEnabled?.("debug") ?? false;
  }

  /** Whether the debug trace of decisions, outcomes and events is wanted (its objects are not built otherwise). */
  private readonly tracing: boolean;

  get log(): Logger {
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
  replace(decide: (state: SessionState | null) => Decision | null, moveBridgedLegTo?: string): Promise<void> {
    return this.post(async () => {
      const decision = decide(this.state);
      if (!decision) return;
      await this.stopRunning(moveBridgedLegTo);
      await this.apply(decision);
    });
  }

  /** Waits on what the switch was running when a previous worker stored the state (resume-call-session.ts). */
  adopt(stored: StoredSession): void {
    this.state = stored.state;
    this.running = stored.running;
    if (stored.running?.kind === "collect") this.gather.armTimer(stored.running.step, 0);
  }

  get ended(): boolean {
    return this.state === null || this.state.awaiting.kind === "ended";
  }

  /** Every event about the call's channel, synchronously in wire order. */
  onSwitchEvent(event: EslEvent): void {
    switch (event.name) {
      case "CHANNEL_EXECUTE_COMPLETE":
      case "DTMF":
      case "CHANNEL_BRIDGE":
      case "CHANNEL_UNBRIDGE": {
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

  /**
   * A <Dial><Queue> took this queued caller (`by`: the dialling call): its wait stops and it runs the Queue noun's
   * url, then bridges itself to the dialler (queue-wait.ts, dequeue-runner.ts). A caller no longer waiting tells the
   * dialler at once.
   */
  dequeue(input: { by: string; waitedSeconds: number; url: { url: string; method: "GET" | "POST" } | null }): void {
    void this.post(async () => {
      if (!this.state?.queue || this.state.queue.dequeued || this.state.awaiting.kind === "leavingQueue" || !this.live()) return this.tellDiallerLost(input.by);
      await this.stopRunning();
      await this.deliver({ kind: "dequeued", step: this.state.step, ...input });
    });
  }

  private tellDiallerLost(by: string): void {
    const dialler = this.host.channelOfCall(by)?.session;
    const lost = this.channel.callId;
    if (dialler) void dialler.post(() => dialler.dequeuer.callerLost(lost));
  }

  /** The call is over: the interpreter hears of it (an action may be told) and nothing more runs. */
  onHangup(): void {
    void this.post(async () => {
      this.gather.reset();
      await this.streams.hungUp();
      await this.deliver({ kind: "hangup" });
    });
  }

  async deliver(outcome: Outcome): Promise<void> {
    if (!this.state) return;
    // Timed from the event or answer that brought this outcome (a timer's outcome is not the worker's latency).
    this.outcomeAt = this.arrivedAt;
    this.outcomeFrom = this.arrivedFrom;
    if (this.tracing) this.log.debug({ callId: this.channel.callId, outcome: outcome.kind, step: "step" in outcome ? outcome.step : null, awaitedStep: this.state.step }, "call session: outcome");
    const decision = advanceSession(this.state, outcome);
    if (decision.state === this.state && decision.commands.length === 0) return;
    await this.apply(decision);
  }

  deliverLater(outcome: Outcome): void {
    void this.post(() => this.deliver(outcome));
  }

  private async apply(decision: Decision): Promise<void> {
    if (this.host.metrics) this.host.metrics.decisions++;
    this.gather.reset();
    // A decision that only changes the state (no command, same step: e.g. the ACD's agent answered) leaves what the
    // switch runs for the awaited step as it is; any other decision starts anew.
    const stateOnly = decision.commands.length === 0 && decision.state.step === this.state?.step;
    if (!stateOnly) this.running = null;
    const taken = this.state?.queue?.dequeued && this.state.awaiting.kind !== "bridgedToDequeuer" ? this.state.queue.dequeued.by : null;
    this.state = decision.state;
    // A dequeued caller that ends or fails before its bridge: the dial that took it ends now, not at its guard.
    const next = decision.state;
    if (taken && (!next.queue?.dequeued || next.awaiting.kind === "ended" || next.awaiting.kind === "leavingQueue")) this.tellDiallerLost(taken);
    const { commands } = decision;
    if (this.tracing) this.log.debug({ callId: this.channel.callId, step: decision.state.step, awaiting: decision.state.awaiting.kind, commands: commands.map((c) => c.kind) }, "call session: decision");
    const awaiting = decision.state.awaiting.kind;
    const awaitsSwitch = awaiting === "verb" || awaiting === "holdMusic" || awaiting === "leavingQueue" || awaiting === "bridgedToDequeuer" || awaiting === "agentRinging";
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
  private nextSave: { session: string | null } | null = null;

  /** Stores the state as it is now, after the write in flight (one call's writes never overtake each other). */
  save(): Promise<void> {
    // Serialized now (the state and the running record change later), once: the statement takes the JSON text.
    const stored: StoredSession | null = this.state && this.state.awaiting.kind !== "ended" ? { state: this.state, running: this.running } : null;
    const session = stored ? JSON.stringify(stored) : null;
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
      case "holdMusic":
        return (this.running = this.queues.holdMusicRunning(step, randomUUID()));
      default:
        return null;
    }
  }

  get promptContext() {
    return { tenantId: this.channel.tenantId, media: this.host.media, speech: this.host.speech };
  }

  get uuid(): string {
    return this.channel.uuid;
  }

  live(): boolean {
    return !this.channel.hangupSeen && this.channel.hangup === null && this.channel.killRequested === null;
  }

  /** The channel's playback_terminators as this session last set them (null: unknown, e.g. after a restart). */
  private terminators: string | null = null;

  /** Keys that end a prompt or a recording: set on the channel only when they change. */
  async setTerminators(keys: string): Promise<void> {
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
  send(app: SwitchApplication, eventUuid?: string): Promise<void> {
    this.commandSent();
    this.host.esl.sendmsg(this.uuid, app.app, app.arg, eventUuid).catch((err: unknown) => {
      if (!isChannelGone(err)) this.log.warn({ err, callId: this.channel.callId, app: app.app }, "the switch refused an application");
    });
    return Promise.resolve();
  }

  /**
   * Never dead air: a hangup application queued behind the apology ends the call when its turn comes; should the call
   * still be up well after that (a queued application lost; seen once in a few dozen loaded test runs of an inbound call
   * failed before its answer), the switch is told to kill it.
   */
  private guardHangup(): void {
    const timer = setTimeout(() => {
      if (this.channel.hangupSeen || this.channel.hangup !== null) return;
      this.log.warn({ callId: this.channel.callId }, "the call is still up after its hangup: killing it");
      void this.host.esl.api(`uuid_kill ${this.channel.uuid} NORMAL_CLEARING`).catch(() => undefined);
    }, HANGUP_GUARD_MS);
    timer.unref?.();
  }

  /** The answer asked of the switch for a deferred inbound call (one `answer` is enough). */
  private answerAsked = false;

  /** What runs without the call answered: requests, reports, a refusal, a dial that lets its bridge answer. */
  private static needsAnswer(command: Command): boolean {
    switch (command.kind) {
      case "fetch":
      case "notify":
      case "reportError":
      case "reject":
      case "enqueue":
      case "leaveQueue":
      case "agentOfferEnded":
        return false;
      case "dial":
        return !command.answerOnBridge || command.targets.some((t) => t.kind !== "number" && t.kind !== "sip");
      default:
        return true;
    }
  }

  private async execute(command: Command, step: number | null, running: Running | null): Promise<void> {
    // An inbound call still ringing is answered by the first command that needs it up; applications run in order,
    // so what follows runs on the answered call (CHANNEL_ANSWER applies the answer: call-events.ts).
    if (this.channel.answerDeferred && !this.channel.answered && !this.answerAsked && this.live() && CallSession.needsAnswer(command)) {
      this.answerAsked = true;
      await this.send({ app: "answer", arg: "" });
    }
    switch (command.kind) {
      case "speak":
      case "play":
      case "silence":
        return this.playPrompt(command, step, running);
      case "playDigits":
        if (!this.live()) return;
        return void (await this.send(sendDtmfApplication(command.digits), running?.kind === "prompt" ? running.eventUuid : undefined));
      case "collectInput":
        return this.gather.collect(command, step!);
      case "record":
        return this.recorder.record(command, step!);
      case "dial": {
        const queue = command.targets.find((t) => t.kind === "queue");
        if (queue && command.targets.length === 1) return this.dequeuer.dial(queue, command, step!);
        return this.dialer.dial(command, step!);
      }
      case "fetch":
        return this.fetch(command.url, command.method, command.queueWait ? { ...command.params, ...(await this.queues.waitParameters()) } : command.params, this.state!.step);
      case "enqueue":
        return this.queues.enqueue(command, step!);
      case "refer":
        return this.referrer.refer(command, step!);
      case "holdMusic":
        return this.queues.holdMusic(running);
      case "leaveQueue":
        return this.queues.leave(command, step);
      case "notify":
        return void this.host.track(this.notify(command.url, command.method, command.params));
      case "reportError":
        return this.reportError(command.code, command.message, command.verbIndex);
      case "reject":
        if (!this.live()) return;
        return void (await this.send(hangupApplication(command.reason === "busy" ? "USER_BUSY" : "CALL_REJECTED")));
      case "hangup":
        if (!this.live()) return;
        await this.send(hangupApplication("NORMAL_CLEARING"));
        return this.guardHangup();
      case "bridgeDequeued":
        return this.dequeuer.bridgeTo(command.to, step!);
      case "agentOfferEnded":
        return this.acdOffers.ended(command);
      case "connectLeg":
        // The leg's whisper ran to its end: the switch's hold on it (its confirm `sleep`) is broken, so the
        // originate bridges it (whisper.ts).
        if (!this.live()) return;
        await this.host.esl.api(releaseWhisperedLeg(this.uuid));
        return;
      case "startRecording":
        return this.startCallRecording();
      case "stopRecording":
        return this.stopCallRecording();
      case "connectStream":
        return this.streams.connect(command.stream, step!);
      case "startStream":
        return this.streams.start(command.stream, command.track);
      case "stopStream":
        return this.streams.stop(command.name);
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

  recordingFacts(recordingId: string, durationSeconds: number): RecordingFacts {
    const twiml = this.state?.document.source.dialect === "twiml";
    const url = twiml
      ? `${this.host.appUrl}/2010-04-01/Accounts/${this.channel.accountSid}/Recordings/${recordingId}`
      : `${this.host.appUrl}/api/v1/recordings/${recordingId}/media`;
    return { sid: recordingId, url, durationSeconds };
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

  async notify(url: string, method: "GET" | "POST", params: Record<string, string>): Promise<void> {
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

  async reportError(code: number, message: string, verbIndex: number | null): Promise<void> {
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

  async recordDebugger(data: Record<string, unknown> & { code: number; message: string }): Promise<void> {
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
    if (this.tracing) this.log.debug({ callId: this.channel.callId, event: event.name, app: event.get("Application"), appUuid: event.get("Application-UUID"), digit: event.get("DTMF-Digit"), running: running?.kind }, "call session: switch event");
    if (!running) return;
    if (event.name === "DTMF") {
      if (running.kind === "stream") this.streams.keyPressed(event.get("DTMF-Digit") ?? "");
      if (running.kind === "collect") await this.gather.keyPressed(running, event.get("DTMF-Digit") ?? "");
      // A caller on a queue's hold music may press 1 for a callback (acd-offer-runner.ts).
      if (running.kind === "prompt" && this.state?.awaiting.kind === "holdMusic") await this.acdOffers.keyPressed(event.get("DTMF-Digit") ?? "");
      return;
    }
    if (event.name === "CHANNEL_BRIDGE") {
      if (running.kind === "dial" && event.uniqueId === this.uuid) {
        if (running.dequeued) this.dequeuer.bridged();
        await this.dialer.bridged(running, event);
        if (this.state?.awaiting.kind === "agentRinging") await this.acdOffers.answered(running);
      }
      return;
    }
    if (event.name === "CHANNEL_UNBRIDGE") {
      // A <Dial><Queue>'s bridge (uuid_bridge) has no application whose end would say it is over.
      if (running.kind === "dial" && running.dequeued && event.uniqueId === this.uuid) await this.dialer.dialCompleted(running, event);
      if (running.kind === "dequeuedBridge") await this.dequeuer.unbridged(running);
      return;
    }
    const appUuid = event.get("Application-UUID");
    if (!appUuid) return;
    switch (running.kind) {
      case "prompt":
        if (appUuid === running.eventUuid) await this.promptCompleted(running, event);
        return;
      case "collect":
        if (appUuid === running.lastPromptUuid) this.gather.promptsFinished(running);
        else if (running.utterance && appUuid === running.utterance.eventUuid) await this.gather.utteranceEnded(running, event);
        return;
      case "record":
        if (appUuid === running.eventUuid) await this.recorder.recordCompleted(running, event);
        return;
      case "dial":
        if (appUuid === running.eventUuid) await this.dialer.dialCompleted(running, event);
        return;
      case "conference":
        if (appUuid === running.eventUuid) await this.dialer.conferenceLeft(running);
        return;
      case "refer":
        if (appUuid === running.eventUuid) this.referrer.deflected(running);
        return;
    }
  }

  /**
   * Stops what the switch runs for this call (a live change): the current application and the queued ones. A leg
   * bridged to the call is hung up, or, given `moveBridgedLegTo` (an inline extension: a consultation's room), sent
   * there first, which ends the bridge without ending the leg.
   */
  private async stopRunning(moveBridgedLegTo?: string): Promise<void> {
    this.gather.reset();
    const running = this.running;
    this.running = null;
    this.gather.reset();
    if (running?.kind === "stream") this.streams.stopConnected();
    if (!running || !this.live()) return;
    if (running.kind === "dial" && running.bridgedTo) {
      if (moveBridgedLegTo) await this.host.esl.api(`uuid_transfer ${running.bridgedTo} ${moveBridgedLegTo} inline`).catch(() => undefined);
      else await this.host.esl.api(`uuid_kill ${running.bridgedTo} NORMAL_CLEARING`).catch(() => undefined);
    }
    await this.host.esl.api(`uuid_break ${this.uuid} all`).catch(() => undefined);
    if (running.kind === "record") {
      await this.host.voice.ingestRecording({ recordingId: running.recordingId, callId: this.channel.callId, switchPath: running.file, at: new Date() }).catch(() => null);
    }
  }
}

/** sendmsg to a channel that no longer exists: `-ERR invalid session id [...]` / `-ERR No such channel`. */
export function isChannelGone(err: unknown): boolean {
  return err instanceof Error && /invalid session id|no such channel/i.test(err.message);
}

