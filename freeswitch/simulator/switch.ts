// The simulated switch: channels, their event sequences (as FreeSWITCH 1.10.12 sends them, see
// ../shared/fixtures/esl), dialplan apps, api commands and a clock that can run faster than real time.
// Map: SimSwitch.fire() hands events to ESL sessions; originate()/injectInbound() start channels; runApp() runs
// dialplan applications one at a time per channel; hangup() walks the hangup → reporting → destroy sequence.
import { randomUUID } from "node:crypto";
import { ConferenceRooms } from "./conference.ts";
import { Channel, STATE_NUMBER, type CallState, type ChannelStateName } from "./channel.ts";
import {
  DateCache, ORIGIN, WITH_VARIABLES, formatLocal, pushPrefix, type OriginName, type SimEvent, type SwitchIdentity,
} from "./events.ts";
import { farEndFor, fixtureFarEnd, type FarEnd } from "./magic-numbers.ts";
import { digitBreak } from "./dtmf-breaks.ts";
import { expandVariables } from "./expand.ts";
import { SessionRate } from "./session-rate.ts";
import { parseOriginate, type DialTarget } from "./dial-string.ts";
import type { AppRun, Sim } from "./sim-state.ts";
import { stopRecording } from "./recording.ts";
import { APPS } from "./apps/index.ts";
import { STAYS, type WaitOutcome } from "./apps/context.ts";
import { bridgeLegs } from "./apps/bridge.ts";

export interface SwitchOptions {
  /** Multiplies every simulated delay (0.05 = 20× faster). Reported times stay in simulated seconds. */
  timeScale?: number;
  hostname?: string;
  recordingsDir?: string;
  /** Heartbeat interval in simulated seconds (FreeSWITCH's default is 20). */
  heartbeatSeconds?: number;
  /** Where the switch's clock starts relative to this machine's (negative: behind, like an unsynchronised switch). */
  clockOffsetSeconds?: number;
  /** New sessions a (real) second before originates fail with the throttle (switch.conf.xml sessions-per-second). Default 300. */
  sessionsPerSecond?: number;
}

/** Q.850 codes of the hangup causes the simulator produces. */
const Q850: Record<string, number> = {
  UNALLOCATED_NUMBER: 1, NORMAL_CLEARING: 16, USER_BUSY: 17, NO_USER_RESPONSE: 18, NO_ANSWER: 19, CALL_REJECTED: 21,
  NORMAL_TEMPORARY_FAILURE: 41, ORIGINATOR_CANCEL: 487, MANAGER_REQUEST: 503, ALLOTTED_TIMEOUT: 602,
  DESTINATION_OUT_OF_ORDER: 27, NORMAL_UNSPECIFIED: 31, SYSTEM_SHUTDOWN: 48, LOSE_RACE: 502,
};

export type Disposition = "send_bye" | "recv_bye" | "recv_refuse" | "send_cancel" | "send_refuse";

interface HangupSpec {
  cause: string;
  disposition: Disposition;
  /** SIP status learned from the far end (sip_term_status). */
  sipStatus?: number;
  sipPhrase?: string;
}

export interface OriginateResult {
  ok: boolean;
  /** `+OK <uuid>\n` or `-ERR <CAUSE>\n` as FreeSWITCH's originate api prints it. */
  reply: string;
  uuid?: string;
}

type Listener = (ev: SimEvent) => void;

export class SimSwitch {
  readonly identity: SwitchIdentity;
  readonly timeScale: number;
  readonly channels = new Map<string, Channel>();
  /** What far ends heard spoken (speak), newest last, bounded: the control API's GET /heard, as a tester's ear. */
  readonly heard: { uuid: string; destination: string | undefined; text: string; at: number }[] = [];
  /** DTMF the far ends received (send_dtmf, uuid_send_dtmf), oldest first, bounded: GET /dtmf. */
  readonly received: { uuid: string; destination: string | undefined; digit: string; at: number }[] = [];
  readonly recordingsDir: string;
  private readonly sims = new Map<string, Sim>();
  /** mod_conference's rooms (conference.ts). */
  readonly conferences = new ConferenceRooms({
    newEvent: (name, origin, subclass) => this.newEvent(name, origin, subclass),
    fire: (ev) => this.fire(ev),
    memberEvent: (ch, pre, post) => this.chanEvent(ch, "CUSTOM", "CONFERENCE_ADD", pre, post, "conference::maintenance", false),
    hangup: (ch) => void this.hangup(ch, { cause: "NORMAL_CLEARING", disposition: "send_bye" }),
    nowUs: () => this.nowUs(),
  });
  private readonly listeners = new Set<Listener>();
  private readonly dates = new DateCache();
  private readonly globalTimers = new Set<NodeJS.Timeout>();
  /** Numbers whose far end says a given WAV (setFarEndAudio), by number without its `+`. */
  readonly farEndAudioFiles = new Map<string, string>();
  private sequence = 0;
  private sessionCounter = 0;
  /** sessions-per-second: `fsctl sps` reads and sets it. */
  readonly sessionRate: SessionRate;
  private readonly realStartMs = performance.now();
  private readonly startUs: number;
  private readonly heartbeatSeconds: number;
  private closed = false;
  /** Set while a synchronous step (writing a recording) must not let simulated time run on. */
  private frozenUs: number | undefined;

  constructor(opts: SwitchOptions = {}) {
    this.timeScale = opts.timeScale && opts.timeScale > 0 ? opts.timeScale : 1;
    this.identity = { coreUuid: randomUUID(), hostname: opts.hostname ?? "irisx-sim", ipv4: "127.0.0.1", ipv6: "::1" };
    this.recordingsDir = opts.recordingsDir ?? "/tmp/irisx-sim-recordings";
    this.heartbeatSeconds = opts.heartbeatSeconds ?? 20;
    this.sessionRate = new SessionRate(opts.sessionsPerSecond ?? 300);
    this.startUs = (Date.now() + (opts.clockOffsetSeconds ?? 0) * 1000) * 1000;
    this.scheduleHeartbeat();
  }

  // ---------------------------------------------------------------- clock

  /** Simulated time in µs: real time elapsed since start, divided by the time scale. */
  nowUs(): number {
    if (this.frozenUs !== undefined) return this.frozenUs;
    return this.startUs + Math.round(((performance.now() - this.realStartMs) * 1000) / this.timeScale);
  }

  /** Runs `fn` after `seconds` of simulated time; tied to a channel so its hangup cancels it. */
  after(seconds: number, fn: () => void, ch?: Channel): NodeJS.Timeout {
    const set = ch ? this.sims.get(ch.uuid)?.timers : this.globalTimers;
    const t = setTimeout(() => {
      set?.delete(t);
      if (!this.closed) fn();
    }, Math.max(0, seconds * 1000 * this.timeScale));
    set?.add(t);
    return t;
  }

  /** Runs `fn` with simulated time standing still (a recording's length and its events share one instant). */
  withFrozenClock<T>(fn: (nowUs: number) => T): T {
    this.frozenUs = this.nowUs();
    try {
      return fn(this.frozenUs);
    } finally {
      this.frozenUs = undefined;
    }
  }

  /** The simulation state of a live channel. */
  /** An outbound call to `number` is answered after 0.5 s by a far end that says `wavFile` (8 kHz mono 16-bit), then waits 30 s. */
  setFarEndAudio(number: string, wavFile: string): void {
    this.farEndAudioFiles.set(number.replace(/^\+/, ""), wavFile);
  }

  simOf(ch: Channel): Sim | undefined {
    return this.sims.get(ch.uuid);
  }

  sleep(seconds: number, ch?: Channel): Promise<void> {
    return new Promise((resolve) => this.after(seconds, resolve, ch));
  }

  // ---------------------------------------------------------------- events

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Creates an event with the common prefix and the next Event-Sequence (assigned at creation, as FreeSWITCH does). */
  newEvent(name: string, origin: OriginName, subclass?: string): SimEvent {
    const ev: SimEvent = { name, subclass, sequence: ++this.sequence, headers: [] };
    pushPrefix(ev.headers, this.identity, this.dates, subclass ? "CUSTOM" : name, ORIGIN[origin], ev.sequence,
      this.nowUs(), subclass);
    return ev;
  }

  fire(ev: SimEvent): void {
    for (const fn of this.listeners) fn(ev);
  }

  /** A channel event: prefix, `pre` headers, basic data + profile, `post` headers, and variables where FS adds them. */
  /** For the apps too (apps/*). */
  chanEvent(ch: Channel, name: string, origin: OriginName, pre?: string[], post?: string[],
    subclass?: string, withVars = WITH_VARIABLES.has(name)): SimEvent {
    const ev = this.newEvent(name, origin, subclass);
    ev.uuid = ch.uuid;
    if (pre) ev.headers.push(...pre);
    ch.pushBasicData(ev.headers);
    // Event-specific headers are added after switch_channel_event_set_data, so after the variables.
    if (withVars) ch.pushVariables(ev.headers);
    if (post) ev.headers.push(...post);
    return ev;
  }

  emit(ch: Channel, name: string, origin: OriginName, pre?: string[], post?: string[]): void {
    this.fire(this.chanEvent(ch, name, origin, pre, post));
  }

  private setState(ch: Channel, state: ChannelStateName, number: ChannelStateName = state): void {
    ch.state = state;
    ch.stateNumber = STATE_NUMBER[number];
    this.emit(ch, "CHANNEL_STATE", "CHANNEL_STATE");
  }

  private setCallState(ch: Channel, cs: CallState): void {
    const original = ch.callState;
    ch.callState = cs;
    this.emit(ch, "CHANNEL_CALLSTATE", "CHANNEL_CALLSTATE",
      ["Original-Channel-Call-State", original, "Channel-Call-State-Number", String(CALLSTATE_NUMBER_OF(cs))]);
  }

  /** The API event FreeSWITCH creates before running an api command and fires after it (so its sequence is lower). */
  apiEvent(command: string, arg: string): SimEvent {
    const ev = this.newEvent("API", "API");
    ev.headers.push("API-Command", command);
    if (arg) ev.headers.push("API-Command-Argument", arg);
    return ev;
  }

  backgroundJob(jobUuid: string, command: string, arg: string, body: string): void {
    const ev = this.newEvent("BACKGROUND_JOB", "BACKGROUND_JOB");
    ev.headers.push("Job-UUID", jobUuid, "Job-Command", command);
    if (arg) ev.headers.push("Job-Command-Arg", arg);
    ev.body = body;
    this.fire(ev);
  }

  // ---------------------------------------------------------------- heartbeat

  private scheduleHeartbeat(): void {
    this.after(this.heartbeatSeconds, () => {
      this.heartbeat();
      this.scheduleHeartbeat();
    });
  }

  /** HEARTBEAT then RE_SCHEDULE (fixture 14). */
  heartbeat(): void {
    const upMs = Math.floor((this.nowUs() - this.startUs) / 1000);
    const ev = this.newEvent("HEARTBEAT", "HEARTBEAT");
    ev.headers.push(
      "Event-Info", "System Ready",
      "Up-Time", upTimeText(upMs),
      "FreeSWITCH-Version", "1.10.12-release~64bit",
      "Uptime-msec", String(upMs),
      "Session-Count", String(this.channels.size),
      "Max-Sessions", "5000",
      "Session-Per-Sec", "300",
      "Session-Per-Sec-Last", "0",
      "Session-Per-Sec-Max", "0",
      "Session-Per-Sec-FiveMin", "0",
      "Session-Since-Startup", String(this.sessionCounter),
      "Session-Peak-Max", String(this.channels.size),
      "Session-Peak-FiveMin", String(this.channels.size),
      "Idle-CPU", "98.000000",
    );
    this.fire(ev);
    const rs = this.newEvent("RE_SCHEDULE", "RE_SCHEDULE");
    rs.headers.push("Task-ID", "1", "Task-Desc", "heartbeat", "Task-Group", "core",
      "Task-Runtime", String(Math.floor(this.nowUs() / 1e6) + this.heartbeatSeconds));
    this.fire(rs);
  }

  /** The switch's global variables (global_getvar, $${name}). */
  globalVariables(): Record<string, string> {
    return {
      hostname: this.identity.hostname,
      local_ip_v4: this.identity.ipv4,
      local_mask_v4: "255.0.0.0",
      local_ip_v6: this.identity.ipv6,
      switch_serial: this.identity.coreUuid,
      base_dir: "/usr/local/freeswitch",
      recordings_dir: this.recordingsDir,
      sounds_dir: "/usr/local/freeswitch/sounds",
      conf_dir: "/usr/local/freeswitch/conf",
      core_uuid: this.identity.coreUuid,
      domain: this.identity.ipv4,
      default_password: "1234",
      sound_prefix: "/usr/local/freeswitch/sounds/en/us/callie",
    };
  }

  statusText(): string {
    const upMs = Math.floor((this.nowUs() - this.startUs) / 1000);
    return `UP ${upTimeText(upMs).replace(/ milliseconds$/, " milliseconds, 0 microseconds")}\n` +
      "FreeSWITCH (Version 1.10.12-release  64bit) is ready\n" +
      `${this.sessionCounter} session(s) since startup\n` +
      `${this.channels.size} session(s) - peak ${this.channels.size}, last 5min ${this.channels.size} \n` +
      `0 session(s) per Sec out of max ${this.sessionRate.perSecond}, peak 0, last 5min 0 \n` +
      "5000 session(s) max\nmin idle cpu 0.00/98.00\nCurrent Stack Size/Max 240K/8192K\n";
  }

  // ---------------------------------------------------------------- originate

  /**
   * `originate {vars}<dialstring> &app(arg)`: resolves when FreeSWITCH's originate returns (answer or failure).
   * `onDone` fires the API event and BACKGROUND_JOB at exactly that point in the event stream.
   */
  originate(argText: string, onDone: (r: OriginateResult) => void): void {
    const parsed = parseOriginate(argText);
    if (!parsed) {
      onDone({ ok: false, reply: "-ERR INVALID_GATEWAY\n" });
      return;
    }
    this.originateLeg({ ...parsed, timeoutSeconds: Number(parsed.vars.get("originate_timeout") ?? "60") || 60 }, onDone);
  }

  /**
   * One outbound leg: originate's (with its app once answered) or a bridge's B leg (`originator` set: no app, the
   * leg carries Other-Type originator from its creation, fixture 21). It rings until `timeoutSeconds`, then fails
   * with `timeoutCause` (NO_ANSWER; a bridge's leg_timeout gives ALLOTTED_TIMEOUT).
   */
  originateLeg(spec: {
    vars: Map<string, string>; dest: DialTarget; app?: string; appArg?: string; originator?: Channel;
    timeoutSeconds: number; timeoutCause?: string;
  }, onDone: (r: OriginateResult) => void): Channel | undefined {
    const { vars, dest, app, appArg } = spec;
    const uuid = vars.get("origination_uuid") || randomUUID();
    if (this.channels.has(uuid)) {
      onDone({ ok: false, reply: "-ERR DESTINATION_OUT_OF_ORDER\n" });
      return undefined;
    }
    // The throttle refuses the session before any channel exists: no event at all, just the -ERR.
    if (!this.sessionRate.take()) {
      onDone({ ok: false, reply: "-ERR DESTINATION_OUT_OF_ORDER\n" });
      return undefined;
    }
    const audioFile = this.farEndAudioFiles.get(dest.number.replace(/^\+/, ""));
    const farEnd: FarEnd = audioFile
      ? { kind: "answer", ringSeconds: 0.5, hangupAfterSeconds: 30, audioFile }
      : dest.fixtureHost ? fixtureFarEnd(dest.fixtureHost) ?? farEndFor(dest.number) : farEndFor(dest.number);
    const nowUs = this.nowUs();
    const ch = new Channel({ uuid, name: dest.channelName, direction: "outbound", nowUs, state: "CS_NONE" });
    const sim = this.newSim(ch, farEnd);
    const cidNumber = vars.get("origination_caller_id_number") || "0000000000";
    const cidName = vars.get("origination_caller_id_name");
    ch.profile = {
      callerIdName: cidName, callerIdNumber: cidNumber, origCallerIdName: cidName, origCallerIdNumber: cidNumber,
      calleeIdName: "Outbound Call", calleeIdNumber: dest.number, ani: cidNumber, destinationNumber: dest.number,
      source: "src/switch_ivr_originate.c", context: "default",
    };
    if (spec.originator) ch.otherLeg = { type: "originator", channel: spec.originator };
    this.emit(ch, "CHANNEL_OUTGOING", "CHANNEL_OUTGOING");
    ch.state = "CS_INIT";
    this.emit(ch, "CHANNEL_STATE", "CHANNEL_STATE");
    ch.stateNumber = STATE_NUMBER.CS_ROUTING;

    const port = 20000 + Math.floor(Math.random() * 10000) * 2;
    const sdpVersion = Math.floor(nowUs / 1e6) - 20000;
    ch.setVar("direction", "outbound");
    ch.setVar("is_outbound", "true");
    ch.setVar("uuid", uuid);
    ch.setVar("call_uuid", uuid);
    ch.setVar("session_id", String(++this.sessionCounter));
    ch.setVar("sip_local_network_addr", "127.0.0.1");
    ch.setVar("sip_profile_name", dest.profile);
    ch.setVar("video_media_flow", "disabled");
    ch.setVar("text_media_flow", "disabled");
    ch.setVar("channel_name", ch.name);
    if (dest.gateway) ch.setVar("sip_gateway_name", dest.gateway);
    ch.setVar("sip_destination_url", `sip:${dest.number}@${dest.host}`);
    for (const [k, v] of vars) ch.setVar(k, v);
    ch.setVar("originate_early_media", "true");
    ch.setVar("originate_endpoint", "sofia");
    ch.setVar("rtp_use_codec_string", "PCMU,PCMA");
    ch.setVar("local_media_ip", "127.0.0.1");
    ch.setVar("local_media_port", String(port));
    ch.setVar("advertised_media_ip", "127.0.0.1");
    ch.setVar("audio_media_flow", "sendrecv");
    ch.setVar("rtp_local_sdp_str", localSdp(sdpVersion, port));
    ch.setVar("sip_outgoing_contact_uri", "<sip:mod_sofia@127.0.0.1:5090>");
    ch.setVar("sip_req_uri", `${dest.number}@${dest.host}`);
    ch.setVar("sip_to_host", dest.host);
    ch.setVar("sip_from_host", "127.0.0.1");
    ch.setVar("sofia_profile_name", dest.profile);
    ch.setVar("recovery_profile_name", dest.profile);
    ch.setVar("sofia_profile_url", "sip:mod_sofia@127.0.0.1:5090");
    this.emit(ch, "CHANNEL_CREATE", "CHANNEL_CREATE");
    this.emit(ch, "CHANNEL_ORIGINATE", "CHANNEL_ORIGINATE");
    this.setState(ch, "CS_ROUTING");
    this.setState(ch, "CS_CONSUME_MEDIA");

    const timeout = spec.timeoutSeconds;
    const callId = randomUUID();
    let settled = false;
    const finish = (r: OriginateResult) => {
      if (settled) return;
      settled = true;
      onDone(r);
    };
    const fail = (spec: HangupSpec, early?: () => void) => {
      if (ch.hungUp) return;
      early?.();
      this.hangup(ch, spec, () => finish({ ok: false, reply: `-ERR ${spec.cause}\n` }));
    };
    sim.onDestroyed.push(() => finish({ ok: false, reply: `-ERR ${ch.hangupCause ?? "NORMAL_CLEARING"}\n` }));

    if (farEnd.kind === "reject") {
      this.after(farEnd.ringSeconds, () => {
        ch.setVar("sip_call_id", callId);
        ch.setVar("sip_local_network_addr", "127.0.0.1");
        // Nothing answered when the host is unreachable: sofia fails the INVITE locally (fixture 06).
        if (!farEnd.unreachable) ch.setVar("sip_reply_host", "127.0.0.1");
        ch.setVar("sip_reply_port", farEnd.unreachable ? "0" : dest.port);
        if (!farEnd.unreachable) ch.setVar("sip_network_ip", "127.0.0.1");
        ch.setVar("sip_network_port", farEnd.unreachable ? "0" : dest.port);
        if (!farEnd.unreachable) ch.profile!.networkAddr = "127.0.0.1";
        fail({ cause: farEnd.cause, disposition: "recv_refuse", sipStatus: farEnd.sipStatus, sipPhrase: farEnd.phrase });
      }, ch);
      return ch;
    }

    // 180 Ringing shortly after the INVITE.
    this.after(Math.min(0.02, timeout), () => {
      if (ch.hungUp) return;
      this.ringing(ch, dest, callId);
    }, ch);
    if (farEnd.kind === "no-answer" || farEnd.ringSeconds >= timeout) {
      this.after(timeout, () => {
        if (ch.hungUp) return;
        const cause = spec.timeoutCause ?? "NO_ANSWER";
        this.hangupNoAnswer(ch, cause, () => finish({ ok: false, reply: `-ERR ${cause}\n` }));
      }, ch);
      return ch;
    }
    this.after(farEnd.ringSeconds, () => {
      if (ch.hungUp) return;
      this.answerOutbound(ch, dest);
      finish({ ok: true, reply: `+OK ${uuid}\n`, uuid });
      // The originate's application starts after BACKGROUND_JOB.
      if (app) {
        ch.stateNumber = STATE_NUMBER.CS_EXECUTE;
        this.setState(ch, "CS_EXECUTE");
        this.startApp(ch, app, appArg ?? "", { immediate: true });
        // `&app(…)` is an inline extension of one application: once it returns the switch hangs the leg up.
        if (app !== "park") this.startApp(ch, "hangup", "NORMAL_CLEARING");
      }
      this.scheduleFarEnd(ch, farEnd);
    }, ch);
    return ch;
  }

  private ringing(ch: Channel, dest: DialTarget, callId: string): void {
    const tag = randomTag();
    const fromTag = randomTag();
    const branch = "z9hG4bK" + randomTag();
    ch.times.progress = this.nowUs();
    ch.profile!.networkAddr = "127.0.0.1";
    const cid = ch.profile!.callerIdNumber ?? "0000000000";
    ch.setVar("sip_local_network_addr", "127.0.0.1");
    ch.setVar("sip_reply_host", "127.0.0.1");
    ch.setVar("sip_reply_port", dest.port);
    ch.setVar("sip_network_ip", "127.0.0.1");
    ch.setVar("sip_network_port", dest.port);
    ch.setVar("sip_recover_contact", `<sip:${dest.host};transport=UDP>`);
    ch.setVar("sip_full_via", `SIP/2.0/UDP 127.0.0.1:5090;rport;branch=${branch}`);
    ch.setVar("sip_recover_via", `SIP/2.0/UDP 127.0.0.1:5090;rport;branch=${branch}`);
    ch.setVar("sip_full_from", `<sip:${cid}@127.0.0.1>;tag=${fromTag}`);
    ch.setVar("sip_full_to", `<sip:${dest.number}@${dest.host}>;tag=${tag}`);
    ch.setVar("sip_from_user", cid);
    ch.setVar("sip_from_uri", `${cid}@127.0.0.1`);
    ch.setVar("sip_from_host", "127.0.0.1");
    ch.setVar("sip_to_user", dest.number);
    ch.setVar("sip_to_port", dest.port);
    ch.setVar("sip_to_uri", `${dest.number}@${dest.host}`);
    ch.setVar("sip_to_host", dest.hostOnly);
    ch.setVar("sip_contact_params", "transport=UDP");
    ch.setVar("sip_contact_user", "nobody");
    ch.setVar("sip_contact_port", dest.port);
    ch.setVar("sip_contact_uri", `nobody@${dest.host}`);
    ch.setVar("sip_contact_host", dest.hostOnly);
    ch.setVar("sip_to_tag", tag);
    ch.setVar("sip_from_tag", fromTag);
    ch.setVar("sip_cseq", String(100000000 + Math.floor(Math.random() * 1e8)));
    ch.setVar("sip_call_id", callId);
    this.emit(ch, "CHANNEL_PROGRESS", "CHANNEL_PROGRESS");
    this.setCallState(ch, "RINGING");
  }

  private setMediaVars(ch: Channel): void {
    ch.setVar("rtp_use_codec_string", "PCMU,PCMA");
    ch.setVar("remote_video_media_flow", "inactive");
    ch.setVar("remote_text_media_flow", "inactive");
    ch.setVar("remote_audio_media_flow", "sendrecv");
  }

  private setCodecVars(ch: Channel, remotePort: number): void {
    ch.setVar("rtp_audio_recv_pt", "0");
    ch.setVar("rtp_use_codec_name", "PCMU");
    ch.setVar("rtp_use_codec_rate", "8000");
    ch.setVar("rtp_use_codec_ptime", "20");
    ch.setVar("rtp_use_codec_channels", "1");
    ch.setVar("rtp_last_audio_codec_string", "PCMU@8000h@20i@1c");
    ch.setVar("read_codec", "PCMU");
    ch.setVar("original_read_codec", "PCMU");
    ch.setVar("read_rate", "8000");
    ch.setVar("original_read_rate", "8000");
    ch.setVar("write_codec", "PCMU");
    ch.setVar("write_rate", "8000");
    ch.setVar("dtmf_type", "rfc2833");
    ch.setVar("local_media_ip", "127.0.0.1");
    ch.setVar("local_media_port", ch.getVar("local_media_port") ?? String(20000 + Math.floor(Math.random() * 5000) * 2));
    ch.setVar("advertised_media_ip", "127.0.0.1");
    ch.setVar("rtp_use_timer_name", "soft");
    ch.setVar("rtp_use_pt", "0");
    ch.setVar("rtp_use_ssrc", String(Math.floor(Math.random() * 4e9)));
    ch.setVar("rtp_2833_send_payload", "101");
    ch.setVar("rtp_2833_recv_payload", "101");
    ch.setVar("remote_media_ip", "127.0.0.1");
    ch.setVar("remote_media_port", String(remotePort));
  }

  private codecEvents(ch: Channel): void {
    ch.mediaUp = true;
    this.emit(ch, "CODEC", "CODEC_READ", undefined,
      ["channel-read-codec-name", "PCMU", "channel-read-codec-rate", "8000", "channel-read-codec-bit-rate", "64000"]);
    this.emit(ch, "CODEC", "CODEC_WRITE", undefined,
      ["Channel-Write-Codec-Name", "PCMU", "Channel-Write-Codec-Rate", "8000", "Channel-Write-codec-bit-rate", "64000"]);
  }

  private answerOutbound(ch: Channel, dest: DialTarget): void {
    const remotePort = 6000 + Math.floor(Math.random() * 1000) * 2;
    this.codecEvents(ch);
    ch.times.answered = this.nowUs();
    ch.answerState = "answered";
    ch.setVar("switch_r_sdp", remoteSdp(remotePort));
    ch.setVar("ep_codec_string", "CORE_PCM_MODULE.PCMU@8000h@20i@64000b");
    this.setMediaVars(ch);
    this.setCodecVars(ch, remotePort);
    this.emit(ch, "CHANNEL_ANSWER", "CHANNEL_ANSWER");
    this.setCallState(ch, "ACTIVE");
    // switch_channel_flip_cid: the profile now shows the callee as the caller id.
    const p = ch.profile!;
    const origNumber = p.callerIdNumber;
    ch.setVar("endpoint_disposition", "ANSWER");
    ch.setVar("pre_transfer_caller_id_number", origNumber);
    ch.setVar("channel_cid_flipped", "yes");
    p.callerIdName = "Outbound Call";
    p.callerIdNumber = dest.number;
    p.calleeIdName = undefined;
    p.calleeIdNumber = origNumber;
    this.emit(ch, "CALL_UPDATE", "CALL_UPDATE", ["Direction", "RECV"]);
    for (const fn of this.sims.get(ch.uuid)!.onAnswered.splice(0)) fn();
  }

  /** What the far end does once it has answered: hang up after N s, press digits, play a machine greeting. */
  private scheduleFarEnd(ch: Channel, farEnd: FarEnd): void {
    if (farEnd.kind !== "answer") return;
    if (farEnd.digits) {
      const digits = farEnd.digits;
      this.after(1, () => this.pressDigits(ch, digits), ch);
    }
    if (farEnd.hangupAfterSeconds !== undefined) {
      this.after(farEnd.hangupAfterSeconds, () => this.remoteBye(ch), ch);
    }
  }

  /** The far end sends BYE. */
  remoteBye(ch: Channel): void {
    if (ch.hungUp) return;
    this.hangup(ch, { cause: "NORMAL_CLEARING", disposition: "recv_bye", sipStatus: 200 });
  }

  /** DTMF pressed by the far end, one every 250 ms (RFC2833, as the fixture's events show). */
  pressDigits(ch: Channel, digits: string): void {
    const sim = this.sims.get(ch.uuid);
    if (!sim) return;
    [...digits].forEach((digit, i) => {
      this.after(i * 0.25, () => {
        if (ch.hungUp) return;
        this.emit(ch, "DTMF", "DTMF", undefined, ["DTMF-Digit", digit, "DTMF-Duration", "2240", "DTMF-Source", "RTP"]);
        ch.dtmfLog += digit;
        sim.dtmfBuffer += digit;
        sim.dtmfWaiter?.();
        const ends = sim.appRunning && ch.application ? digitBreak(ch.application, digit, (name) => ch.getVar(name)) : undefined;
        if (ends === "terminator") ch.setVar("playback_terminator_used", digit);
        if (ends) sim.abortApp?.();
      }, ch);
    });
  }

  /** The far end talks for `seconds` from now (record's silence detection hears it). */
  farEndTalks(ch: Channel, seconds: number): void {
    const sim = this.sims.get(ch.uuid);
    if (sim) sim.talkingUntilUs = Math.max(sim.talkingUntilUs, this.nowUs() + seconds * 1e6);
  }

  private newSim(ch: Channel, farEnd: FarEnd): Sim {
    const sim: Sim = {
      farEnd, parked: false, parkAppUuid: "", appQueue: [], appRunning: false, dtmfBuffer: "", timers: new Set(),
      avmd: false, executed: false, onAnswered: [], onDestroyed: [], dtmfSent: "", talkingUntilUs: 0,
    };
    this.channels.set(ch.uuid, ch);
    this.sims.set(ch.uuid, sim);
    return sim;
  }

  // ---------------------------------------------------------------- inbound

  /** An inbound call on the external profile, through the public dialplan (set irisx_inbound, export, park). */
  injectInbound(opts: {
    from: string; to: string; digits?: string; hangupAfterSeconds?: number; fromName?: string; port?: number;
    /** The INVITE's Subject header, if any. */
    sipSubject?: string;
    /** Seconds after the answer before the caller presses `digits` (default 1). */
    digitsAfterSeconds?: number;
  }): Channel {
    const uuid = randomUUID();
    // An inbound session spends the same budget as originates (a throttled inbound INVITE is not modelled).
    this.sessionRate.take();
    const nowUs = this.nowUs();
    const port = opts.port ?? 5060;
    const name = `sofia/external/${opts.from}@127.0.0.1:${port}`;
    const ch = new Channel({ uuid, name, direction: "inbound", nowUs, state: "CS_NEW" });
    const sim = this.newSim(ch, { kind: "answer", ringSeconds: 0, hangupAfterSeconds: opts.hangupAfterSeconds });
    this.emit(ch, "CHANNEL_STATE", "CHANNEL_STATE");
    const fromName = opts.fromName ?? opts.from;
    ch.profile = {
      username: opts.from, dialplan: "XML", callerIdName: fromName, callerIdNumber: opts.from,
      origCallerIdName: fromName, origCallerIdNumber: opts.from, networkAddr: "127.0.0.1", ani: opts.from,
      destinationNumber: opts.to, source: "mod_sofia", context: "public",
    };
    ch.state = "CS_INIT";
    ch.stateNumber = STATE_NUMBER.CS_INIT;
    this.emit(ch, "CHANNEL_STATE", "CHANNEL_STATE");
    ch.stateNumber = STATE_NUMBER.CS_ROUTING;
    const callId = `${randomTag()}@127.0.0.1`;
    const fromTag = randomTag();
    ch.setVar("direction", "inbound");
    ch.setVar("uuid", uuid);
    ch.setVar("call_uuid", uuid);
    ch.setVar("session_id", String(++this.sessionCounter));
    ch.setVar("sip_from_user", opts.from);
    ch.setVar("sip_from_port", String(port));
    ch.setVar("sip_from_uri", `${opts.from}@127.0.0.1:${port}`);
    ch.setVar("sip_from_host", "127.0.0.1");
    ch.setVar("video_media_flow", "disabled");
    ch.setVar("audio_media_flow", "disabled");
    ch.setVar("text_media_flow", "disabled");
    ch.setVar("channel_name", name);
    ch.setVar("sip_call_id", callId);
    ch.setVar("sip_local_network_addr", "127.0.0.1");
    ch.setVar("sip_network_ip", "127.0.0.1");
    ch.setVar("sip_network_port", String(port));
    ch.setVar("sip_invite_stamp", String(nowUs));
    ch.setVar("sip_received_ip", "127.0.0.1");
    ch.setVar("sip_received_port", String(port));
    ch.setVar("sip_via_protocol", "udp");
    ch.setVar("sip_from_user_stripped", opts.from);
    ch.setVar("sip_from_tag", fromTag);
    ch.setVar("sofia_profile_name", "external");
    ch.setVar("sofia_profile_url", "sip:mod_sofia@127.0.0.1:5090");
    ch.setVar("recovery_profile_name", "external");
    ch.setVar("sip_full_via", `SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-${randomTag()}`);
    ch.setVar("sip_from_display", fromName);
    ch.setVar("sip_full_from", `"${fromName}" <sip:${opts.from}@127.0.0.1:${port}>;tag=${fromTag}`);
    ch.setVar("sip_full_to", `<sip:${opts.to}@127.0.0.1:5090>`);
    ch.setVar("sip_req_user", opts.to);
    ch.setVar("sip_req_port", "5090");
    ch.setVar("sip_req_uri", `${opts.to}@127.0.0.1:5090`);
    ch.setVar("sip_req_host", "127.0.0.1");
    ch.setVar("sip_to_user", opts.to);
    ch.setVar("sip_to_port", "5090");
    ch.setVar("sip_to_uri", `${opts.to}@127.0.0.1:5090`);
    ch.setVar("sip_to_host", "127.0.0.1");
    ch.setVar("sip_contact_user", opts.from);
    ch.setVar("sip_contact_port", String(port));
    ch.setVar("sip_contact_uri", `${opts.from}@127.0.0.1:${port}`);
    ch.setVar("sip_contact_host", "127.0.0.1");
    ch.setVar("rtp_use_codec_string", "PCMU,PCMA");
    if (opts.sipSubject) ch.setVar("sip_subject", opts.sipSubject);
    ch.setVar("sip_via_host", "127.0.0.1");
    ch.setVar("sip_via_port", String(port));
    ch.setVar("max_forwards", "70");
    ch.setVar("switch_r_sdp", remoteSdp(6000 + Math.floor(Math.random() * 1000) * 2));
    ch.setVar("ep_codec_string", "CORE_PCM_MODULE.PCMU@8000h@20i@64000b");
    ch.setVar("endpoint_disposition", "DELAYED NEGOTIATION");
    this.emit(ch, "CHANNEL_CREATE", "CHANNEL_CREATE");
    ch.state = "CS_ROUTING";
    this.setCallState(ch, "RINGING");
    this.emit(ch, "CHANNEL_STATE", "CHANNEL_STATE");
    ch.stateNumber = STATE_NUMBER.CS_EXECUTE;
    this.after(0.001, () => {
      if (ch.hungUp) return;
      ch.state = "CS_EXECUTE";
      this.emit(ch, "CHANNEL_STATE", "CHANNEL_STATE");
      this.startApp(ch, "set", "irisx_inbound=true", { immediate: true });
      const date = new Date(this.nowUs() / 1000).toUTCString().replace("GMT", "+0000");
      this.startApp(ch, "export", `RFC2822_DATE=${date}`);
      this.startApp(ch, "park", "");
      if (opts.digits) {
        sim.onAnswered.push(() => this.after(opts.digitsAfterSeconds ?? 1, () => this.pressDigits(ch, opts.digits!), ch));
      }
      if (opts.hangupAfterSeconds !== undefined) this.after(opts.hangupAfterSeconds, () => this.remoteBye(ch), ch);
    }, ch);
    return ch;
  }

  /** uuid_answer / the answer app on an inbound channel: early media, then answer (fixture 07). */
  answerInbound(ch: Channel): void {
    if (ch.answerState === "answered" || ch.hungUp) return;
    const remotePort = 6000 + Math.floor(Math.random() * 1000) * 2;
    const port = 20000 + Math.floor(Math.random() * 10000) * 2;
    this.codecEvents(ch);
    ch.setVar("rtp_use_codec_string", "PCMU,PCMA");
    ch.setVar("remote_video_media_flow", "inactive");
    ch.setVar("remote_text_media_flow", "inactive");
    ch.setVar("remote_audio_media_flow", "sendrecv");
    ch.setVar("audio_media_flow", "sendrecv");
    ch.setVar("local_media_port", String(port));
    this.setCodecVars(ch, remotePort);
    ch.setVar("endpoint_disposition", "EARLY MEDIA");
    ch.answerState = "early";
    ch.times.progressMedia = this.nowUs();
    this.emit(ch, "CHANNEL_PROGRESS_MEDIA", "CHANNEL_PROGRESS_MEDIA");
    this.setCallState(ch, "EARLY");
    ch.answerState = "answered";
    ch.times.answered = this.nowUs();
    ch.setVar("rtp_local_sdp_str", localSdp(Math.floor(this.nowUs() / 1e6) - 20000, port));
    this.emit(ch, "CHANNEL_ANSWER", "CHANNEL_ANSWER");
    this.setCallState(ch, "ACTIVE");
    ch.setVar("endpoint_disposition", "ANSWER");
    for (const fn of this.sims.get(ch.uuid)!.onAnswered.splice(0)) fn();
  }

  // ---------------------------------------------------------------- applications

  /**
   * uuid_broadcast: queues the app. An outbound leg echoes the message as PRIVATE_COMMAND after the app, carrying the
   * COMMAND event switch_ivr_broadcast built (fixture 08; the inbound leg of fixture 07 shows none).
   */
  broadcast(ch: Channel, app: string, arg: string): void {
    let command: string[] | undefined;
    if (ch.direction === "outbound") {
      command = this.newEvent("COMMAND", "BROADCAST").headers;
      command.push("call-command", "execute", "execute-app-name", app, "execute-app-arg", arg, "event-lock", "true",
        "lead-frames", "5");
    }
    this.startApp(ch, app, arg, { command });
  }

  /** Queues an application on the channel (apps run one at a time, as in the session thread). */
  startApp(ch: Channel, app: string, arg: string,
    opts: { appUuid?: string; command?: string[]; immediate?: boolean } = {}): void {
    const sim = this.sims.get(ch.uuid);
    if (!sim || ch.hungUp) return;
    sim.appQueue.push({ app, arg, appUuid: opts.appUuid ?? randomUUID(), command: opts.command });
    if (!sim.appRunning) {
      // The session thread picks queued messages up on its next frame (20 ms), not inside the api call.
      sim.appRunning = true;
      this.after(opts.immediate ? 0 : 0.02, () => void this.drainApps(ch, sim), ch);
    }
  }

  private async drainApps(ch: Channel, sim: Sim): Promise<void> {
    sim.appRunning = true;
    while (sim.appQueue.length && !ch.hungUp) {
      const run = sim.appQueue.shift()!;
      await this.execute(ch, sim, run);
      if (run.command) this.fire(this.privateCommand(ch, run.command));
    }
    sim.appRunning = false;
  }

  /**
   * uuid_break: ends the running application (not park); with `all` the queued ones are dropped too, without any
   * event (fixture 19, sent with event-lock as the worker does).
   */
  breakApp(ch: Channel, all: boolean): void {
    const sim = this.sims.get(ch.uuid);
    if (!sim) return;
    if (all) sim.appQueue.length = 0;
    if (sim.abortApp) sim.abortApp();
    else sim.confirmBreak?.();
  }

  /**
   * DTMF this channel sends towards its far end (send_dtmf, uuid_send_dtmf): `w` waits 0.5 s, `W` 1 s; a digit's
   * own `@ms` length is accepted. As on the real switch the digits go out about 20 ms apart and the sender waits only
   * for the pauses (fixture 19). What the far end received is kept for the control API's GET /dtmf.
   */
  async sendDtmf(ch: Channel, digits: string): Promise<void> {
    const sim = this.sims.get(ch.uuid);
    if (!sim) return;
    for (const token of digits.match(/[0-9A-Da-d*#](?:@\d+)?|[wW]/g) ?? []) {
      if (ch.hungUp) return;
      if (token === "w" || token === "W") {
        await this.sleep(token === "w" ? 0.5 : 1, ch);
        continue;
      }
      const digit = token[0]!.toUpperCase();
      sim.dtmfSent += digit;
      this.received.push({ uuid: ch.uuid, destination: ch.profile?.destinationNumber, digit, at: Date.now() });
      if (this.received.length > 1000) this.received.splice(0, this.received.length - 1000);
      await this.sleep(0.02, ch);
    }
  }

  private privateCommand(ch: Channel, command: string[]): SimEvent {
    const ev = this.newEvent("PRIVATE_COMMAND", "PRIVATE_COMMAND");
    ev.uuid = ch.uuid;
    // The message's own headers come first, then the usual prefix (switch_ivr_parse_next_event).
    const prefix = ev.headers.splice(0);
    ev.headers.push(...command, ...prefix);
    ch.pushBasicData(ev.headers);
    return ev;
  }

  /** CHANNEL_EXECUTE, the app's own events over its simulated duration, CHANNEL_EXECUTE_COMPLETE. */
  private async execute(ch: Channel, sim: Sim, run: AppRun): Promise<void> {
    const { app, appUuid } = run;
    // As switch_core_session_exec does: the argument is expanded before the application sees it (expand.ts).
    const globals = this.globalVariables();
    const arg = expandVariables(run.arg, { variable: (name) => ch.getVar(name), global: (name) => globals[name] });
    if (app === "park" && sim.parked) return;
    ch.vars.delete("current_application_response");
    if (!sim.executed) {
      sim.executed = true;
      ch.setVar("call_uuid", ch.uuid);
    }
    if (app === "playback" || app === "play_and_get_digits") {
      ch.setVar("current_loop", "1");
      ch.setVar("total_loops", "1");
    }
    ch.setVar("current_application", app);
    if (arg) ch.setVar("current_application_data", arg);
    else ch.vars.delete("current_application_data");
    ch.application = app;
    ch.applicationData = arg;
    // The stock public dialplan expands ${strftime(...)} for RFC2822_DATE: an API event before the export runs.
    if (app === "export" && arg.startsWith("RFC2822_DATE=")) this.fire(this.apiEvent("strftime", "%a, %d %b %Y %T %z"));
    const withArg = arg ? ["Application-Data", arg] : [];
    this.emit(ch, "CHANNEL_EXECUTE", "CHANNEL_EXECUTE", undefined, ["Application", app, ...withArg, "Application-UUID", appUuid]);
    // The app starts: switch_core_session_exec sets current_application again once the app function runs.
    ch.setVar("current_application", app);
    const aborted = new Promise<void>((resolve) => { sim.abortApp = resolve; });
    // "slept" when the time ran out, "aborted" when the application was broken off (uuid_break, a transfer).
    const wait = (seconds: number): Promise<WaitOutcome> =>
      Promise.race([this.sleep(seconds, ch).then(() => "slept" as const), aborted.then(() => "aborted" as const)]);
    const impl = APPS[app];
    const result = impl
      ? await impl({ sw: this, ch, sim, app, arg, appUuid, wait, aborted })
      : await wait(0.02).then(() => undefined);
    // park keeps running (the apps after it run inside it; uuid_break leaves it); hangup() sends its UNPARK and
    // EXECUTE_COMPLETE.
    if (result === STAYS) {
      sim.abortApp = undefined;
      return;
    }
    const response = result ?? "_none_";
    sim.abortApp = undefined;
    ch.setVar("current_application_response", response === "_none_" ? undefined : response);
    this.emit(ch, "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_EXECUTE_COMPLETE", undefined,
      ["Application", app, ...withArg, "Application-Response", response, "Application-UUID", appUuid]);
  }

  /** uuid_bridge A B (the bridge app does the same once its B leg answered). */
  bridge(a: Channel, b: Channel): void {
    bridgeLegs(this, a, b);
  }

  // ---------------------------------------------------------------- hangup

  /**
   * Hangs the channel up: CHANNEL_HANGUP now (inside the caller's api command), the rest of the sequence
   * (UNPARK, EXECUTE_COMPLETE park, CS_HANGUP, CALLSTATE HANGUP, CS_REPORTING, HANGUP_COMPLETE, DESTROY, CS_DESTROY)
   * just after. `afterComplete` runs right after CHANNEL_HANGUP_COMPLETE (the failed originate's BACKGROUND_JOB).
   */
  hangup(ch: Channel, spec: HangupSpec, afterComplete?: () => void): boolean {
    if (ch.hungUp) return false;
    ch.hungUp = true;
    const sim = this.sims.get(ch.uuid)!;
    ch.hangupCause = spec.cause;
    ch.times.hangup = this.nowUs();
    ch.answerState = "hangup";
    ch.stateNumber = STATE_NUMBER.CS_HANGUP;
    const q850 = Q850[spec.cause] ?? 16;
    if (spec.disposition === "recv_refuse") {
      ch.setVar("sip_hangup_disposition", "recv_refuse");
      ch.setVar("sip_invite_failure_status", String(spec.sipStatus));
      ch.setVar("sip_invite_failure_phrase", spec.sipPhrase);
    }
    if (spec.sipStatus && spec.disposition !== "send_cancel") {
      ch.setVar("sip_term_status", String(spec.sipStatus));
      ch.setVar("proto_specific_hangup_cause", `sip:${spec.sipStatus}`);
      ch.setVar("sip_term_cause", String(q850));
    }
    ch.vars.delete("current_loop");
    ch.vars.delete("total_loops");
    this.emit(ch, "CHANNEL_HANGUP", "CHANNEL_HANGUP");
    sim.abortApp?.();
    queueMicrotask(() => void this.finishHangup(ch, sim, spec, q850, afterComplete));
    return true;
  }

  /** A ringing originate that times out: BACKGROUND_JOB comes right after CHANNEL_HANGUP here (fixture 04). */
  private hangupNoAnswer(ch: Channel, cause: string, onHangup: () => void): void {
    this.hangup(ch, { cause, disposition: "send_cancel", sipStatus: 487, sipPhrase: "CANCEL" });
    onHangup();
  }

  private async finishHangup(ch: Channel, sim: Sim, spec: HangupSpec, q850: number, afterComplete?: () => void): Promise<void> {
    // Let the api command that caused the hangup fire its API event first (fixture 01).
    await new Promise((r) => setImmediate(r));
    if (sim.recording || sim.farEndRecording) stopRecording(this, ch, "all", "success-maxtime");
    if (spec.disposition === "recv_bye") ch.setVar("sip_hangup_disposition", "recv_bye");
    if (sim.parked) {
      sim.parked = false;
      this.emit(ch, "CHANNEL_UNPARK", "CHANNEL_UNPARK");
      this.emit(ch, "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_EXECUTE_COMPLETE", undefined,
        // Application-Response is whatever current_application_response holds (a playback's, fixture 08).
        ["Application", "park", "Application-Response", ch.getVar("current_application_response") ?? "_none_",
          "Application-UUID", sim.parkAppUuid]);
    }
    // Let a running app finish its EXECUTE_COMPLETE before the state machine moves on.
    await new Promise((r) => setImmediate(r));
    ch.state = "CS_HANGUP";
    this.emit(ch, "CHANNEL_STATE", "CHANNEL_STATE");
    ch.stateNumber = STATE_NUMBER.CS_HANGUP;
    this.setCallState(ch, "HANGUP");
    ch.state = "CS_REPORTING";
    ch.stateNumber = STATE_NUMBER.CS_REPORTING;
    this.emit(ch, "CHANNEL_STATE", "CHANNEL_STATE");
    this.setCdrVariables(ch, spec, q850);
    this.emit(ch, "CHANNEL_HANGUP_COMPLETE", "CHANNEL_HANGUP_COMPLETE", ["Hangup-Cause", spec.cause]);
    afterComplete?.();
    ch.stateNumber = STATE_NUMBER.CS_DESTROY;
    this.emit(ch, "CHANNEL_DESTROY", "CHANNEL_DESTROY");
    ch.state = "CS_DESTROY";
    this.emit(ch, "CHANNEL_STATE", "CHANNEL_STATE");
    ch.destroyed = true;
    for (const t of sim.timers) clearTimeout(t);
    sim.timers.clear();
    this.channels.delete(ch.uuid);
    this.sims.delete(ch.uuid);
    for (const fn of sim.onDestroyed.splice(0)) fn();
  }

  /** The CDR variables of CHANNEL_HANGUP_COMPLETE, in FreeSWITCH's order (switch_channel_set_timestamps). */
  private setCdrVariables(ch: Channel, spec: HangupSpec, q850: number): void {
    const t = ch.times;
    const endUs = t.hangup;
    const sec = (us: number) => Math.floor(us / 1e6);
    const stamp = (us: number) => formatLocal(new Date(us / 1000));
    ch.setVar("hangup_cause", spec.cause);
    ch.setVar("hangup_cause_q850", String(q850));
    ch.setVar("digits_dialed", ch.dtmfLog || "none");
    ch.setVar("start_stamp", stamp(t.created));
    ch.setVar("profile_start_stamp", stamp(t.profileCreated));
    if (t.answered) ch.setVar("answer_stamp", stamp(t.answered));
    if (t.bridged) ch.setVar("bridge_stamp", stamp(t.bridged));
    if (t.progress) ch.setVar("progress_stamp", stamp(t.progress));
    if (t.progressMedia) ch.setVar("progress_media_stamp", stamp(t.progressMedia));
    ch.setVar("end_stamp", stamp(endUs));
    const epochPair = (name: string, us: number) => {
      ch.setVar(`${name}_epoch`, String(sec(us)));
      ch.setVar(`${name}_uepoch`, String(us));
    };
    epochPair("start", t.created);
    epochPair("profile_start", t.profileCreated);
    epochPair("answer", t.answered);
    epochPair("bridge", t.bridged);
    epochPair("last_hold", 0);
    ch.setVar("hold_accum_seconds", "0");
    ch.setVar("hold_accum_usec", "0");
    ch.setVar("hold_accum_ms", "0");
    epochPair("resurrect", 0);
    epochPair("progress", t.progress);
    epochPair("progress_media", t.progressMedia);
    epochPair("end", endUs);
    const lastApp = ch.getVar("current_application");
    if (lastApp) {
      ch.setVar("last_app", lastApp);
      const lastArg = ch.getVar("current_application_data");
      if (lastArg) ch.setVar("last_arg", lastArg);
    }
    const p = ch.profile!;
    ch.setVar("caller_id", p.callerIdName ? `"${p.callerIdName}" <${p.callerIdNumber}>` : p.callerIdNumber);
    const diff = (a: number, b: number) => (a && b ? a - b : 0);
    const durUs = endUs - t.created;
    const billUs = diff(endUs, t.answered);
    const progressUs = diff(t.progress, t.created);
    const answerUs = diff(t.answered, t.created);
    const waitUs = diff(t.bridged, t.created);
    const progressMediaUs = diff(t.progressMedia, t.created);
    const flowUs = t.answered ? durUs : 0;
    const secDiff = (a: number, b: number) => (a && b ? sec(a) - sec(b) : 0);
    ch.setVar("duration", String(sec(endUs) - sec(t.created)));
    ch.setVar("billsec", String(secDiff(endUs, t.answered)));
    ch.setVar("progresssec", String(secDiff(t.progress, t.created)));
    ch.setVar("answersec", String(secDiff(t.answered, t.created)));
    ch.setVar("waitsec", String(secDiff(t.bridged, t.created)));
    ch.setVar("progress_mediasec", String(secDiff(t.progressMedia, t.created)));
    ch.setVar("flow_billsec", String(t.answered ? sec(endUs) - sec(t.created) : 0));
    const ms = (us: number) => String(Math.round(us / 1000));
    ch.setVar("mduration", ms(durUs));
    ch.setVar("billmsec", ms(billUs));
    ch.setVar("progressmsec", ms(progressUs));
    ch.setVar("answermsec", ms(answerUs));
    ch.setVar("waitmsec", ms(waitUs));
    ch.setVar("progress_mediamsec", ms(progressMediaUs));
    ch.setVar("flow_billmsec", ms(flowUs));
    ch.setVar("uduration", String(durUs));
    ch.setVar("billusec", String(billUs));
    ch.setVar("progressusec", String(progressUs));
    ch.setVar("answerusec", String(answerUs));
    ch.setVar("waitusec", String(waitUs));
    ch.setVar("progress_mediausec", String(progressMediaUs));
    ch.setVar("flow_billusec", String(flowUs));
    if (spec.disposition === "send_bye" || spec.disposition === "send_cancel" || spec.disposition === "send_refuse") {
      ch.setVar("sip_hangup_disposition", spec.disposition);
    }
    if (spec.disposition === "send_cancel") {
      ch.setVar("sip_invite_failure_status", "487");
      ch.setVar("sip_invite_failure_phrase", "CANCEL");
    }
    if (ch.mediaUp) setRtpStats(ch, durUs);
  }

  // ---------------------------------------------------------------- lifecycle

  /** speak: what the far end heard (GET /heard). */
  noteHeard(ch: Channel, text: string): void {
    this.heard.push({ uuid: ch.uuid, destination: ch.profile?.destinationNumber, text, at: Date.now() });
    if (this.heard.length > 1000) this.heard.splice(0, this.heard.length - 1000);
  }

  reset(): void {
    for (const ch of [...this.channels.values()]) {
      this.hangup(ch, { cause: "MANAGER_REQUEST", disposition: "send_bye" });
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.globalTimers) clearTimeout(t);
    for (const sim of this.sims.values()) for (const t of sim.timers) clearTimeout(t);
    this.listeners.clear();
  }
}

// ---------------------------------------------------------------- helpers

function CALLSTATE_NUMBER_OF(cs: CallState): number {
  return { DOWN: 0, DIALING: 1, RINGING: 2, EARLY: 3, ACTIVE: 4, HELD: 5, RING_WAIT: 6, HANGUP: 7, UNHELD: 8 }[cs];
}

function setRtpStats(ch: Channel, durUs: number): void {
  const packets = Math.round(durUs / 20000);
  const stats: Array<[string, string]> = [
    ["in_raw_bytes", String(packets * 172)], ["in_media_bytes", String(packets * 172)],
    ["in_packet_count", String(packets)], ["in_media_packet_count", String(packets)], ["in_skip_packet_count", "0"],
    ["in_jitter_packet_count", "0"], ["in_dtmf_packet_count", "0"], ["in_cng_packet_count", "0"],
    ["in_flush_packet_count", "0"], ["in_largest_jb_size", "0"], ["in_jitter_min_variance", "0.00"],
    ["in_jitter_max_variance", "0.00"], ["in_jitter_loss_rate", "0.00"], ["in_jitter_burst_rate", "0.00"],
    ["in_mean_interval", "0.00"], ["in_flaw_total", "0"], ["in_quality_percentage", "100.00"], ["in_mos", "4.50"],
    ["out_raw_bytes", String(packets * 172)], ["out_media_bytes", String(packets * 172)],
    ["out_packet_count", String(packets)], ["out_media_packet_count", String(packets)], ["out_skip_packet_count", "0"],
    ["out_dtmf_packet_count", "0"], ["out_cng_packet_count", "0"], ["rtcp_packet_count", "0"], ["rtcp_octet_count", "0"],
  ];
  for (const [k, v] of stats) ch.setVar("rtp_audio_" + k, v);
}

function upTimeText(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `0 years, ${Math.floor(s / 86400)} days, ${Math.floor(s / 3600) % 24} hours, ${Math.floor(s / 60) % 60} minutes, ` +
    `${s % 60} seconds, ${ms % 1000} milliseconds`;
}

function randomTag(): string {
  return Math.random().toString(36).slice(2, 15);
}

function localSdp(version: number, port: number): string {
  return `v=0\r\no=FreeSWITCH ${version} ${version + 1} IN IP4 127.0.0.1\r\ns=FreeSWITCH\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n` +
    `m=audio ${port} RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n` +
    "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";
}

function remoteSdp(port: number): string {
  return "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
    `m=audio ${port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n`;
}
