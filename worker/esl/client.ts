// EslClient: the worker's one inbound event-socket connection to a FreeSWITCH (or the simulator).
// It owns the link's life (connect → auth → subscribe → up → … → down → jittered reconnect), the command
// FIFO and the bgapi job table, and turns every way a link can die into prompt, typed rejections.
//
// modesl (a fixed product dependency) provides the socket and EventEmitter plumbing; its Parser is replaced
// by wire.ts (see ModeslLink below), and its command helpers are not used (see the class comment there).
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import modesl from "modesl";
import { EslProtocolError, FrameReader, parseEvent, type EslEvent, type EslFrame, type EslHeader } from "./wire";

// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

export abstract class EslError extends Error {
  abstract readonly code: string;
}

/** The link is not up (or went down while the command was pending). Safe to retry after `connected`. */
export class EslLinkDownError extends EslError {
  override readonly name = "EslLinkDownError";
  readonly code = "ESL_LINK_DOWN";
}

/** No reply (or no BACKGROUND_JOB) within the command's timeout. The command may still run on the switch. */
export class EslTimeoutError extends EslError {
  override readonly name = "EslTimeoutError";
  readonly code = "ESL_TIMEOUT";
}

/** FreeSWITCH refused the password (`-ERR invalid`). Permanent until the configuration changes. */
export class EslAuthError extends EslError {
  override readonly name = "EslAuthError";
  readonly code = "ESL_AUTH";
}

/** A command/reply `-ERR …` (sendmsg on a gone channel, unknown command, a failed bgapi submission…). */
export class EslCommandError extends EslError {
  override readonly name = "EslCommandError";
  readonly code = "ESL_COMMAND";
  constructor(
    message: string,
    /** The Reply-Text as FreeSWITCH sent it, e.g. `-ERR invalid session id [..]`. */
    readonly replyText: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Options and events
// ---------------------------------------------------------------------------------------------------------

export type EslLinkState = "connecting" | "up" | "down";

/** The subset of pino's Logger the client writes to. */
export interface EslLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The events the worker needs (call progress, answer/hangup, jobs, media, DTMF, parking, liveness). */
export const DEFAULT_EVENTS: readonly string[] = [
  "CHANNEL_CREATE",
  "CHANNEL_PROGRESS",
  "CHANNEL_PROGRESS_MEDIA",
  "CHANNEL_ANSWER",
  "CHANNEL_BRIDGE",
  "CHANNEL_UNBRIDGE",
  "CHANNEL_PARK",
  "CHANNEL_HANGUP",
  "CHANNEL_HANGUP_COMPLETE",
  "CHANNEL_DESTROY",
  "CHANNEL_EXECUTE_COMPLETE",
  "BACKGROUND_JOB",
  "DTMF",
  "RECORD_START",
  "RECORD_STOP",
  "PLAYBACK_START",
  "PLAYBACK_STOP",
  "HEARTBEAT",
  "SHUTDOWN",
];

/** CUSTOM subclasses subscribed by default: answering-machine detection and conferences. */
export const DEFAULT_CUSTOM_SUBCLASSES: readonly string[] = ["avmd::start", "avmd::beep", "avmd::stop", "conference::maintenance", "sofia::register", "sofia::unregister", "sofia::expire"];

export interface EslClientOptions {
  host: string;
  port: number;
  password: string;
  /** Event names to subscribe to, or "ALL". Default DEFAULT_EVENTS. BACKGROUND_JOB (needed by bgapi) and,
   *  while the watchdog is on, HEARTBEAT are always added. */
  events?: readonly string[] | "ALL";
  /** CUSTOM subclasses (ignored with "ALL", which includes them). Default DEFAULT_CUSTOM_SUBCLASSES. */
  customSubclasses?: readonly string[];
  /** `event plain …` (default) or `event json …`; parsing handles both identically. */
  eventFormat?: "plain" | "json";
  /** Default timeout of api/bgapi/sendmsg/command. Default 10 s. */
  commandTimeoutMs?: number;
  /** TCP connect + auth/request + auth + subscribe must finish within this. Default 10 s. */
  handshakeTimeoutMs?: number;
  /** Full-jitter exponential backoff: delay = random() · min(max, base · 2^(attempt-1)). Defaults 500 ms / 30 s. */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** A link up this long resets the backoff attempt counter. Default 30 s. */
  stableAfterMs?: number;
  /** Wait at least this long after `-ERR invalid` (a wrong password will not fix itself). Default 5 min. */
  authFailureBackoffMs?: number;
  /** No byte for this long while up means the link is dead (FreeSWITCH sends HEARTBEAT every 20 s). 0 = off.
   *  Default 45 s. */
  heartbeatTimeoutMs?: number;
  /** Source of randomness for the jitter (tests pass a fixed one). */
  random?: () => number;
  logger?: EslLogger;
}

export interface EslCommandOptions {
  timeoutMs?: number;
}

export interface EslBgapiOptions extends EslCommandOptions {
  /** Job-UUID to send with the command (the worker uses the channel's origination_uuid). Default: random. */
  jobUuid?: string;
}

export interface EslSendmsg {
  app: string;
  arg?: string;
  /** `event-lock: true`: the channel runs queued messages in order, one at a time. */
  eventLock?: boolean;
  /** `loops: N` */
  loops?: number;
  /** `Event-UUID`: comes back as Application-UUID on CHANNEL_EXECUTE / CHANNEL_EXECUTE_COMPLETE. */
  eventUuid?: string;
}

export interface EslClientEvents {
  /** Link state changes; `reason` says why it went down. */
  link: [state: EslLinkState, reason?: Error];
  /** Authenticated and subscribed: the worker reconciles its view of the switch now. */
  connected: [];
  /** Every event received, in order. */
  event: [event: EslEvent];
  /** The password was refused; the client keeps retrying, slowly. */
  authError: [error: EslAuthError];
  /** log/data frames (after a `log <level>` command). */
  log: [frame: EslFrame];
}

// ---------------------------------------------------------------------------------------------------------
// modesl plumbing
// ---------------------------------------------------------------------------------------------------------

interface LinkHooks {
  onConnect(socket: Socket): void;
}

/**
 * modesl's inbound Connection with wire.ts in place of its Parser. Why a subclass: modesl creates its
 * Parser inside `_onConnect`, and that Parser re-concatenates and re-scans its whole buffer on every chunk
 * (O(n²)), throws on FreeSWITCH's stray `%` (decodeURIComponent), mishandles an empty Content-Length and
 * counts body lengths in characters instead of bytes. Overriding `_onConnect` is the one seam that keeps
 * modesl's socket set-up while the bytes go to FrameReader instead.
 *
 * modesl's own auth (which subscribes `event json …` by itself), execute (which hangs when the socket
 * drops), bgapi (whose callbacks leak and are lost on reconnect) and its two reply queues (a late reply
 * after a timeout is handed to the next caller) are not used: EslClient drives the protocol itself.
 * `send` is overridden to write each command in one write: modesl writes line by line, which with Nagle
 * can hold the final blank line back for a delayed ACK.
 */
class ModeslLink extends modesl.Connection {
  // `declare`: a class field would be initialised after modesl's constructor ran and so overwrite it.
  declare hooks: LinkHooks | undefined;

  protected override _onConnect(): void {
    this.connecting = false;
    if (this.socket) this.hooks?.onConnect(this.socket);
  }

  override send(command: string, args?: Record<string, string>): void {
    let text = command + "\n";
    if (args) for (const [k, v] of Object.entries(args)) text += k + ": " + v + "\n";
    this.socket?.write(text + "\n");
  }
}

// ---------------------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------------------

type ReplyType = "api/response" | "command/reply";

interface ReplyWaiter {
  readonly expect: ReplyType;
  readonly label: string;
  settled: boolean;
  timer: NodeJS.Timeout | undefined;
  resolve(frame: EslFrame): void;
  reject(err: Error): void;
}

interface JobWaiter {
  readonly label: string;
  /** The Job-UUID the job is filed under (the one the reply confirms). */
  key: string;
  timer: NodeJS.Timeout;
  resolve(body: string): void;
  reject(err: Error): void;
}

const NOOP_LOGGER: EslLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** First word of a command, for logs and errors: never the arguments (auth carries the password). */
function labelOf(command: string): string {
  const sp = command.indexOf(" ");
  return sp === -1 ? command : command.slice(0, sp);
}

function assertOneLine(what: string, value: string): void {
  // A line break would let a value inject headers or a second command into the stream.
  if (/[\r\n]/.test(value)) throw new TypeError(`${what} must not contain line breaks`);
}

export class EslClient extends EventEmitter<EslClientEvents> {
  private readonly opts: Required<Omit<EslClientOptions, "logger" | "events" | "customSubclasses">> & {
    events: readonly string[] | "ALL";
    customSubclasses: readonly string[];
  };
  private readonly log: EslLogger;

  private state: EslLinkState = "down";
  private started = false;
  private closing = false;
  /** Bumped for every connection attempt; callbacks of an older socket see a different value and do nothing. */
  private generation = 0;
  private link: ModeslLink | undefined;
  private socket: Socket | undefined;
  private readonly reader: FrameReader;

  private replies: ReplyWaiter[] = [];
  private readonly jobs = new Map<string, JobWaiter>();

  private attempt = 0;
  private authFailed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private watchdogTimer: NodeJS.Timeout | undefined;
  private lastRxAt = 0;
  /** Generation of the socket whose chunk is being read (see onFrame). */
  private readingGen = -1;
  private closeWaiters: (() => void)[] = [];
  private closePromise: Promise<void> | undefined;

  private attemptsMade = 0;

  constructor(options: EslClientOptions) {
    super();
    this.opts = {
      host: options.host,
      port: options.port,
      password: options.password,
      events: options.events ?? DEFAULT_EVENTS,
      customSubclasses: options.customSubclasses ?? DEFAULT_CUSTOM_SUBCLASSES,
      eventFormat: options.eventFormat ?? "plain",
      commandTimeoutMs: options.commandTimeoutMs ?? 10_000,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
      reconnectBaseMs: options.reconnectBaseMs ?? 500,
      reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
      stableAfterMs: options.stableAfterMs ?? 30_000,
      authFailureBackoffMs: options.authFailureBackoffMs ?? 5 * 60_000,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 45_000,
      random: options.random ?? Math.random,
    };
    assertOneLine("password", this.opts.password);
    this.log = options.logger ?? NOOP_LOGGER;
    this.reader = new FrameReader((frame) => this.onFrame(frame));
  }

  /** Connection attempts made so far (for health endpoints and tests). */
  get connectAttempts(): number {
    return this.attemptsMade;
  }

  /** Current link state (`up` = authenticated and subscribed). */
  get linkState(): EslLinkState {
    return this.state;
  }

  /** Commands awaiting a reply plus bgapi jobs awaiting their BACKGROUND_JOB (0 after a link drop). */
  get pendingCount(): number {
    return this.replies.length + this.jobs.size;
  }

  /** Start connecting; from now on the client reconnects by itself until `close()`. Idempotent. */
  start(): void {
    if (this.closing) throw new Error("EslClient is closed");
    if (this.started) return;
    this.started = true;
    this.openLink();
  }

  /** Resolves once the link is up (immediately if it is), rejects after `timeoutMs`. */
  waitUntilUp(timeoutMs: number): Promise<void> {
    if (this.state === "up") return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onConnected = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.off("connected", onConnected);
        reject(new EslTimeoutError(`ESL link not up within ${timeoutMs} ms`));
      }, timeoutMs);
      this.once("connected", onConnected);
    });
  }

  /** `api <command>`: resolves with the api/response body (which may itself be `-ERR …`). */
  async api(command: string, opts: EslCommandOptions = {}): Promise<string> {
    assertOneLine("api command", command);
    const frame = await this.command("api " + command, [], opts);
    if (frame.contentType === "command/reply") {
      // Not an api/response: mod_event_socket refused the command itself (e.g. `-ERR command not found`).
      const text = frame.get("Reply-Text") ?? "";
      throw new EslCommandError(`api ${labelOf(command)}: ${text}`, text);
    }
    return frame.bodyText;
  }

  /**
   * `bgapi <command>` with a `Job-UUID:` header chosen here, registered BEFORE the command is written, so the
   * BACKGROUND_JOB cannot race the reply. Resolves with that job's body (`+OK …\n` / `-ERR CAUSE\n`). The
   * timeout covers the reply and the job; a link drop rejects at once (the job may still run on the switch:
   * the worker's reconcile after `connected` finds out).
   */
  bgapi(command: string, opts: EslBgapiOptions = {}): Promise<string> {
    const jobUuid = opts.jobUuid ?? randomUUID();
    try {
      assertOneLine("bgapi command", command);
      assertOneLine("Job-UUID", jobUuid);
      if (this.jobs.has(jobUuid)) throw new TypeError(`a bgapi job with Job-UUID ${jobUuid} is already pending`);
      this.assertUp(labelOf(command));
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const timeoutMs = opts.timeoutMs ?? this.opts.commandTimeoutMs;
    const label = "bgapi " + labelOf(command);
    return new Promise<string>((resolve, reject) => {
      const job: JobWaiter = {
        label,
        key: jobUuid,
        resolve,
        reject,
        timer: setTimeout(() => this.failJob(job, new EslTimeoutError(`${label}: no BACKGROUND_JOB ${job.key} within ${timeoutMs} ms`)), timeoutMs),
      };
      this.jobs.set(jobUuid, job);
      this.command("bgapi " + command, [["Job-UUID", jobUuid]], { timeoutMs }).then(
        (reply) => {
          const text = reply.get("Reply-Text") ?? "";
          if (!text.startsWith("+OK")) {
            this.failJob(job, new EslCommandError(`${label}: ${text}`, text));
            return;
          }
          // FreeSWITCH ≥ 1.2 honours the client's Job-UUID. Should a server pick its own, follow it: the
          // BACKGROUND_JOB cannot precede this reply in inbound mode, so nothing is missed.
          const confirmed = reply.get("Job-UUID");
          if (confirmed && confirmed !== job.key && this.jobs.get(job.key) === job && !this.jobs.has(confirmed)) {
            this.log.warn({ sent: job.key, confirmed }, "ESL server chose its own Job-UUID for bgapi");
            this.jobs.delete(job.key);
            job.key = confirmed;
            this.jobs.set(confirmed, job);
          }
        },
        (err: Error) => this.failJob(job, err),
      );
    });
  }

  /**
   * `sendmsg <uuid>` with `call-command: execute`: runs a dialplan application on the channel. Resolves with
   * the Reply-Text (`+OK`) once FreeSWITCH queued it (not when the application finishes: that is
   * CHANNEL_EXECUTE_COMPLETE with Application-UUID = eventUuid). Rejects with EslCommandError on `-ERR`.
   */
  sendmsg(uuid: string, app: string, arg?: string, opts?: EslCommandOptions): Promise<string>;
  sendmsg(uuid: string, msg: EslSendmsg, opts?: EslCommandOptions): Promise<string>;
  async sendmsg(uuid: string, appOrMsg: string | EslSendmsg, argOrOpts?: string | EslCommandOptions, maybeOpts?: EslCommandOptions): Promise<string> {
    const msg: EslSendmsg = typeof appOrMsg === "string" ? { app: appOrMsg, arg: typeof argOrOpts === "string" ? argOrOpts : undefined } : appOrMsg;
    const opts = (typeof appOrMsg === "string" ? maybeOpts : (argOrOpts as EslCommandOptions | undefined)) ?? {};
    assertOneLine("channel uuid", uuid);
    const headers: EslHeader[] = [
      ["call-command", "execute"],
      ["execute-app-name", msg.app],
    ];
    if (msg.arg !== undefined && msg.arg !== "") headers.push(["execute-app-arg", msg.arg]);
    if (msg.loops !== undefined) headers.push(["loops", String(msg.loops)]);
    if (msg.eventLock) headers.push(["event-lock", "true"]);
    if (msg.eventUuid !== undefined) headers.push(["Event-UUID", msg.eventUuid]);
    for (const [name, value] of headers) assertOneLine(name, value);
    const reply = await this.command("sendmsg " + uuid, headers, opts);
    const text = reply.get("Reply-Text") ?? "";
    if (!text.startsWith("+OK")) throw new EslCommandError(`sendmsg ${msg.app}: ${text}`, text);
    return text;
  }

  /**
   * Any other command (`filter …`, `nixevent …`, `log 6`, …), with optional header lines. Resolves with the
   * reply frame (api/response for `api …`, else command/reply); `-ERR` replies resolve too: inspect them.
   */
  command(text: string, headers: ReadonlyArray<EslHeader> = [], opts: EslCommandOptions = {}): Promise<EslFrame> {
    try {
      assertOneLine("command", text);
      for (const [name, value] of headers) assertOneLine(name, value);
      this.assertUp(labelOf(text));
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return this.write(text, headers, opts.timeoutMs ?? this.opts.commandTimeoutMs);
  }

  /**
   * Graceful shutdown: no more reconnects; sends `exit` if the link is up and waits (up to `timeoutMs`) for
   * FreeSWITCH to close; everything still pending rejects with EslLinkDownError.
   */
  close(timeoutMs = 2_000): Promise<void> {
    this.closePromise ??= this.shutdown(timeoutMs);
    return this.closePromise;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.state === "up" && this.socket) {
      const closed = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
      const exit = this.write("exit", [], timeoutMs).catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all([exit, closed]), deadline]);
      clearTimeout(timer);
    }
    this.teardown(this.generation, new EslLinkDownError("ESL client closed"));
  }

  // ---- link life ----------------------------------------------------------------------------------------

  private openLink(): void {
    const gen = ++this.generation;
    this.attemptsMade++;
    this.setState("connecting");
    this.handshakeTimer = setTimeout(() => {
      this.teardown(gen, new EslLinkDownError(`ESL handshake with ${this.opts.host}:${this.opts.port} not done within ${this.opts.handshakeTimeoutMs} ms`));
    }, this.opts.handshakeTimeoutMs);

    const link = new ModeslLink(this.opts.host, this.opts.port, this.opts.password);
    this.link = link;
    this.socket = link.socket ?? undefined;
    link.hooks = {
      onConnect: (socket) => {
        if (gen !== this.generation) return;
        this.log.debug({ host: this.opts.host, port: this.opts.port }, "ESL TCP connected; waiting for auth/request");
        socket.setNoDelay(true);
        this.lastRxAt = Date.now();
      },
    };
    // modesl re-emits socket errors as 'error' on the connection (EventEmitter2 throws if nobody listens).
    link.on("error", (err) => {
      if (gen === this.generation) this.log.debug({ err }, "ESL socket error");
    });
    const socket = this.socket;
    if (!socket) {
      this.teardown(gen, new EslLinkDownError("modesl did not create a socket"));
      return;
    }
    socket.on("data", (chunk: Buffer) => {
      if (gen !== this.generation) return;
      this.lastRxAt = Date.now();
      this.readingGen = gen;
      try {
        this.reader.push(chunk);
      } catch (err) {
        if (err instanceof EslProtocolError) this.teardown(gen, new EslLinkDownError(`ESL protocol error: ${err.message}`, { cause: err }));
        else throw err;
      }
    });
    socket.on("close", () => {
      for (const w of this.closeWaiters.splice(0)) w();
      this.teardown(gen, new EslLinkDownError(`ESL connection to ${this.opts.host}:${this.opts.port} closed`));
    });
  }

  /** The single exit from a connection, whatever killed it. Rejects everything pending, then plans the retry. */
  private teardown(gen: number, reason: EslLinkDownError): void {
    if (gen !== this.generation || this.state === "down") return;
    this.generation++; // late callbacks of this socket are now stale
    clearTimeout(this.handshakeTimer);
    clearTimeout(this.stableTimer);
    clearInterval(this.watchdogTimer);
    this.handshakeTimer = this.stableTimer = this.watchdogTimer = undefined;
    this.reader.reset();

    const replies = this.replies;
    this.replies = [];
    for (const w of replies) {
      clearTimeout(w.timer);
      if (!w.settled) {
        w.settled = true;
        w.reject(new EslLinkDownError(`${w.label}: ${reason.message}`, { cause: reason }));
      }
    }
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const j of jobs) {
      clearTimeout(j.timer);
      j.reject(new EslLinkDownError(`${j.label}: ${reason.message}`, { cause: reason }));
    }

    const socket = this.socket;
    this.socket = undefined;
    this.link = undefined;
    socket?.destroy();

    const wasUp = this.state === "up";
    this.setState("down", reason);
    (wasUp ? this.log.warn : this.log.info).call(this.log, { reason: reason.message }, "ESL link down");
    if (!this.closing) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.attempt++;
    const cap = Math.min(this.opts.reconnectMaxMs, this.opts.reconnectBaseMs * 2 ** Math.min(this.attempt - 1, 30));
    let delay = this.opts.random() * cap; // full jitter: many workers never reconnect in step
    if (this.authFailed) delay = Math.max(delay, this.opts.authFailureBackoffMs);
    this.log.info({ attempt: this.attempt, delayMs: Math.round(delay) }, "ESL reconnect scheduled");
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.closing) this.openLink();
    }, delay);
  }

  private setState(state: EslLinkState, reason?: Error): void {
    if (this.state === state) return;
    this.state = state;
    this.emit("link", state, reason);
  }

  private async handshake(gen: number): Promise<void> {
    try {
      const auth = await this.write("auth " + this.opts.password, [], this.opts.handshakeTimeoutMs, "auth");
      const text = auth.get("Reply-Text") ?? "";
      if (!text.startsWith("+OK")) {
        // `-ERR invalid`: FreeSWITCH sends text/disconnect-notice and closes. Retrying soon cannot help.
        const err = new EslAuthError(`ESL authentication to ${this.opts.host}:${this.opts.port} refused: ${text}`);
        this.authFailed = true;
        this.log.error({ host: this.opts.host, port: this.opts.port, reply: text }, "ESL password refused; retrying slowly");
        this.emit("authError", err);
        this.teardown(gen, new EslLinkDownError(err.message, { cause: err }));
        return;
      }
      this.authFailed = false;
      const sub = await this.write(this.subscribeCommand(), [], this.opts.handshakeTimeoutMs);
      const subText = sub.get("Reply-Text") ?? "";
      if (!subText.startsWith("+OK")) {
        this.teardown(gen, new EslLinkDownError(`ESL event subscription refused: ${subText}`));
        return;
      }
    } catch (err) {
      // Already torn down (link drop or handshake timeout rejected the pending write).
      this.log.debug({ err }, "ESL handshake aborted");
      return;
    }
    if (gen !== this.generation) return;
    clearTimeout(this.handshakeTimer);
    this.handshakeTimer = undefined;
    this.setState("up");
    this.stableTimer = setTimeout(() => (this.attempt = 0), this.opts.stableAfterMs);
    this.startWatchdog(gen);
    this.log.info({ host: this.opts.host, port: this.opts.port }, "ESL link up");
    this.emit("connected");
  }

  private subscribeCommand(): string {
    const format = this.opts.eventFormat;
    const { events, customSubclasses } = this.opts;
    if (events === "ALL" || events.some((e) => e.toUpperCase() === "ALL")) return `event ${format} ALL`;
    const names = events.filter((e) => e !== "CUSTOM");
    if (!names.includes("BACKGROUND_JOB")) names.push("BACKGROUND_JOB");
    if (this.opts.heartbeatTimeoutMs > 0 && !names.includes("HEARTBEAT")) names.push("HEARTBEAT");
    // mod_event_socket reads every word after CUSTOM as a subclass, so CUSTOM and its subclasses go last.
    const custom = customSubclasses.length > 0 || events.includes("CUSTOM") ? ["CUSTOM", ...customSubclasses] : [];
    return `event ${format} ${[...names, ...custom].join(" ")}`;
  }

  private startWatchdog(gen: number): void {
    const limit = this.opts.heartbeatTimeoutMs;
    if (limit <= 0) return;
    // One cheap interval instead of re-arming a timer per chunk: the data handler only stamps lastRxAt.
    const every = Math.max(5, Math.min(1_000, Math.floor(limit / 4)));
    this.lastRxAt = Date.now();
    this.watchdogTimer = setInterval(() => {
      const silent = Date.now() - this.lastRxAt;
      if (silent > limit) {
        this.log.warn({ silentMs: silent, limitMs: limit }, "ESL link silent (no HEARTBEAT): reconnecting");
        this.teardown(gen, new EslLinkDownError(`no data from FreeSWITCH for ${silent} ms (HEARTBEAT watchdog, limit ${limit} ms)`));
      }
    }, every);
  }

  // ---- commands -----------------------------------------------------------------------------------------

  private assertUp(label: string): void {
    if (this.state !== "up" || !this.link) throw new EslLinkDownError(`${label}: ESL link is ${this.state}`);
  }

  /**
   * Writes a command and queues its reply waiter. In inbound mode FreeSWITCH answers commands strictly in
   * order, so replies are matched FIFO. A timed-out waiter keeps its place (marked settled) so the late
   * reply is swallowed instead of being handed to the next command.
   */
  private write(text: string, headers: ReadonlyArray<EslHeader>, timeoutMs: number, label = labelOf(text)): Promise<EslFrame> {
    const link = this.link;
    if (!link) return Promise.reject(new EslLinkDownError(`${label}: ESL link is ${this.state}`));
    return new Promise<EslFrame>((resolve, reject) => {
      const waiter: ReplyWaiter = {
        expect: text.startsWith("api ") ? "api/response" : "command/reply",
        label,
        settled: false,
        timer: undefined,
        resolve,
        reject,
      };
      waiter.timer = setTimeout(() => {
        if (waiter.settled) return;
        waiter.settled = true;
        reject(new EslTimeoutError(`${label}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.replies.push(waiter);
      link.send(text, headers.length > 0 ? Object.fromEntries(headers) : undefined);
    });
  }

  private failJob(job: JobWaiter, err: Error): void {
    if (this.jobs.get(job.key) !== job) return; // already resolved, timed out or rejected by a link drop
    this.jobs.delete(job.key);
    clearTimeout(job.timer);
    job.reject(err);
  }

  // ---- incoming frames ----------------------------------------------------------------------------------

  private onFrame(frame: EslFrame): void {
    const gen = this.generation;
    // A listener may tear the link down in the middle of a chunk: the rest of that chunk is stale.
    if (gen !== this.readingGen) return;
    switch (frame.contentType) {
      case "text/event-plain":
      case "text/event-json": {
        let event: EslEvent;
        try {
          event = parseEvent(frame);
        } catch (err) {
          // The framing is intact (Content-Length held), so one unreadable event is skipped, not the link.
          this.log.error({ err, contentType: frame.contentType }, "ESL event could not be parsed; skipped");
          return;
        }
        this.onEvent(event);
        return;
      }
      case "command/reply":
      case "api/response":
        this.onReply(frame);
        return;
      case "auth/request":
        void this.handshake(gen);
        return;
      case "text/disconnect-notice":
        // FreeSWITCH closes right after; 'close' does the teardown.
        this.log.info({ notice: frame.bodyText.trim() }, "ESL disconnect notice");
        return;
      case "log/data":
        this.safeEmit("log", frame);
        return;
      default:
        this.log.debug({ contentType: frame.contentType }, "ESL frame of unknown type ignored");
    }
  }

  private onReply(frame: EslFrame): void {
    const waiter = this.replies.shift();
    if (!waiter) {
      this.log.warn({ contentType: frame.contentType, reply: frame.get("Reply-Text") }, "ESL reply with no command waiting");
      return;
    }
    clearTimeout(waiter.timer);
    if (waiter.settled) return; // the late reply of a timed-out command
    waiter.settled = true;
    if (frame.contentType !== waiter.expect) {
      this.log.warn({ command: waiter.label, expected: waiter.expect, got: frame.contentType }, "ESL reply of unexpected type");
    }
    waiter.resolve(frame);
  }

  private onEvent(event: EslEvent): void {
    if (event.name === "BACKGROUND_JOB") {
      const id = event.jobUuid;
      const job = id === undefined ? undefined : this.jobs.get(id);
      if (job && id !== undefined) {
        this.jobs.delete(id);
        clearTimeout(job.timer);
        job.resolve(event.body ?? "");
      }
    }
    this.safeEmit("event", event);
  }

  /** A throwing listener is a bug in that listener: log it, never let it kill the link or skip frames. */
  private safeEmit<K extends "event" | "log">(name: K, ...args: EslClientEvents[K]): void {
    try {
      (this.emit as (n: string, ...a: unknown[]) => boolean)(name, ...args);
    } catch (err) {
      this.log.error({ err, listener: name }, "ESL listener threw");
    }
  }
}
