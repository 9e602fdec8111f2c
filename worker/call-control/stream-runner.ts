// Twilio Media Streams on the switch, both forms (twilio.com/docs/voice/twiml/stream):
//   <Connect><Stream> (bidirectional): while the channel is parked with no application running, the switch's unicast
//   (sendmsg `call-command: unicast`, switch_ivr_activate_unicast; the park loop of switch_ivr_park sends every frame
//   it reads as 16-bit linear PCM to a UDP port of the worker, and a thread of the switch writes every datagram the
//   worker sends back to the channel). The caller's frames go to the tenant's server as μ-law `media`; the server's
//   `media` is played back paced at 20 ms, its `mark`s echoed when the audio before them has played, `clear` drops
//   what is queued (and echoes its marks). The verb ends when the server closes the socket.
//   <Start><Stream> (one way, the document goes on): the track(s) recorded unbuffered (uuid_record with
//   RECORD_READ_ONLY, RECORD_WRITE_ONLY or RECORD_STEREO, as amd-runner.ts does) and tailed (wav-tail.ts) into
//   `media` messages; <Stop><Stream> or the hang-up ends it.
// The switch's park loop takes a channel's unicast connection once and stops forwarding the caller's audio after the
// next application runs (measured on the real switch), so a call has one <Connect><Stream>; a second is refused with
// a debugger entry and the document goes on. The UDP link closes at the hang-up. statusCallback: stream-started,
// stream-stopped, stream-error with Twilio's parameters.
import { createSocket, type Socket } from "node:dgram";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { env } from "@/env";
import { decodeMulaw, encodeMulaw } from "@/lib/audio/mulaw";
import type { Callback, StreamSpec } from "@/server/voice-documents/interpreter/commands";
import { MediaStreamSocket, type StreamFailure, type StreamTrack } from "./media-stream-socket";
import type { SessionOps } from "./session-ops";
import { WavTail } from "./wav-tail";

/** 20 ms at 8 kHz: the size of every media message, each way. */
const FRAME_SAMPLES = 160;
const FRAME_MS = 20;
const RECORDING_VARS: Record<"inbound_track" | "outbound_track" | "both_tracks", string> = {
  inbound_track: "RECORD_READ_ONLY=true",
  outbound_track: "RECORD_WRITE_ONLY=true",
  both_tracks: "RECORD_STEREO=true",
};


interface UnicastLink {
  socket: Socket;
  /** The switch's end (local-port of the unicast command). */
  switchPort: number;
  /** The switch's sample rate, learnt from its frames' size (20 ms each). */
  rate: number;
  /** Where the frames come from (the switch binds the address it was given; replies go to its port). */
  switchAddress: string;
  onFrame: ((pcm: Int16Array) => void) | null;
}

interface ConnectedStream {
  step: number;
  socket: MediaStreamSocket;
  spec: StreamSpec;
  startedAt: number;
  /** Audio the server sent, 8 kHz, not played yet; marks at the sample count where they fall due. */
  queue: Int16Array[];
  queuedSamples: number;
  marks: { at: number; name: string }[];
  played: number;
  pacer: NodeJS.Timeout | null;
  pacedFrom: number;
  framesSent: number;
}

interface ForkedStream {
  socket: MediaStreamSocket;
  spec: StreamSpec;
  file: string;
  tail: WavTail;
  tracks: StreamTrack[];
  pending: Record<StreamTrack, Int16Array>;
  chunks: Record<StreamTrack, number>;
  ended: boolean;
}

export class StreamRunner {
  private link: UnicastLink | null = null;
  private connected: ConnectedStream | null = null;
  private readonly forks = new Set<ForkedStream>();

  constructor(private readonly s: SessionOps) {}

  // ── <Connect><Stream> ────────────────────────────────────────────────────────────────────────────────────────

  async connect(spec: StreamSpec, step: number): Promise<void> {
    if (!this.s.live()) return;
    if (!this.s.host.esl.callCommand) return this.s.deliver({ kind: "failed", step, code: 12200, message: "<Connect><Stream>: this switch connection cannot send call commands" });
    // Measured on FreeSWITCH 1.10.12 (freeswitch/real-switch/stream.test.ts): once an application has run on the
    // channel after its unicast started, the park loop forwards no more of the caller's audio, and a new unicast
    // command is not taken up by the park loop already running. A second bidirectional stream would be deaf: refused.
    if (this.link) return this.s.deliver({ kind: "failed", step, code: 12200, message: "<Connect><Stream>: only one bidirectional stream per call on IRISX; this one was not started" });
    const stream: ConnectedStream = { step, socket: null as unknown as MediaStreamSocket, spec, startedAt: 0, queue: [], queuedSamples: 0, marks: [], played: 0, pacer: null, pacedFrom: 0, framesSent: 0 };
    stream.socket = new MediaStreamSocket({
      url: spec.url,
      accountSid: this.s.channel.accountSid,
      callSid: this.s.channel.callId,
      tracks: ["inbound"],
      customParameters: spec.parameters,
      bidirectional: true,
      onMedia: (mulaw) => this.queueAudio(stream, decodeMulaw(mulaw)),
      onMark: (name) => this.queueMark(stream, name),
      onClear: () => this.clear(stream),
      onClosed: (failure) => void this.s.post(() => this.connectEnded(stream, failure)),
    });
    stream.socket.onWarning = (failure) => void this.report(spec, stream.socket.streamSid, failure);
    const failure = await stream.socket.open();
    if (failure) {
      await this.report(spec, stream.socket.streamSid, failure, false);
      return this.s.deliver({ kind: "failed", step, code: failure.code, message: `<Connect><Stream>: ${failure.message}` });
    }
    if (!this.s.live()) return void stream.socket.stop();
    this.connected = stream;
    this.s.running = { kind: "stream", step, streamSid: stream.socket.streamSid };
    void this.s.save();
    stream.startedAt = performance.now();
    this.statusCallback(spec, stream.socket.streamSid, "stream-started");
    const link = await this.ensureLink();
    if (!link) {
      stream.socket.stop();
      return;
    }
    link.onFrame = (pcm) => stream.socket.sendMedia("inbound", encodeMulaw(pcm), performance.now() - stream.startedAt);
  }

  /** The caller pressed a key during a bidirectional stream: the server hears of it (Twilio's `dtmf` message). */
  keyPressed(digit: string): void {
    this.connected?.socket.sendDtmf(digit);
  }

  /** The switch's unicast to a UDP port of this worker, once per call. */
  private async ensureLink(): Promise<UnicastLink | null> {
    if (this.link) return this.link;
    // The worker's end (remote-ip for the switch) and the switch's (its local-ip, where the worker sends): src/env.ts.
    const host = env.STREAM_MEDIA_HOST;
    const switchHost = env.STREAM_SWITCH_MEDIA_HOST;
    const socket = createSocket("udp4");
    const bound = await new Promise<boolean>((resolve) => {
      socket.once("error", () => resolve(false));
      socket.bind(0, host, () => resolve(true));
    });
    // A port free on the switch's address: probed here when it is this host's, else left to chance in a wide range.
    const switchPort = bound ? (switchHost === host ? await freeUdpPort(switchHost) : 20000 + Math.floor(Math.random() * 10000)) : null;
    if (!bound || switchPort === null) {
      socket.close();
      await this.failConnected(12400, "no UDP port for the stream's audio");
      return null;
    }
    const link: UnicastLink = { socket, switchPort, rate: 8000, switchAddress: switchHost, onFrame: null };
    socket.on("message", (datagram) => {
      // L16 in the host's byte order (little-endian on the switch's hosts), 20 ms a datagram.
      const samples = Math.floor(datagram.length / 2);
      if (samples === 0) return;
      link.rate = samples * (1000 / FRAME_MS);
      const pcm = new Int16Array(samples);
      for (let i = 0; i < samples; i++) pcm[i] = datagram.readInt16LE(i * 2);
      link.onFrame?.(toNarrowband(pcm, link.rate));
    });
    socket.on("error", () => undefined);
    this.link = link;
    const reply = await this.s.host.esl
      .callCommand!(this.s.uuid, [
        ["call-command", "unicast"],
        ["local-ip", switchHost],
        ["local-port", String(switchPort)],
        ["remote-ip", host],
        ["remote-port", String(socket.address().port)],
        ["transport", "udp"],
      ])
      .catch((err: unknown) => `-ERR ${String(err)}`);
    if (!reply.startsWith("+OK")) {
      this.closeLink();
      await this.failConnected(12400, `the switch refused the stream's audio link: ${reply.trim()}`);
      return null;
    }
    return link;
  }

  private async failConnected(code: number, message: string): Promise<void> {
    const stream = this.connected;
    if (!stream) return;
    await this.report(stream.spec, stream.socket.streamSid, { code, message });
  }

  private queueAudio(stream: ConnectedStream, pcm: Int16Array): void {
    if (this.connected !== stream) return;
    stream.queue.push(pcm);
    stream.queuedSamples += pcm.length;
    if (!stream.pacer) {
      stream.pacedFrom = performance.now();
      stream.framesSent = 0;
      stream.pacer = setInterval(() => this.pace(stream), FRAME_MS / 2);
      stream.pacer.unref?.();
      this.pace(stream);
    }
  }

  /** A mark falls due when everything queued before it has played: at once when nothing is queued. */
  private queueMark(stream: ConnectedStream, name: string): void {
    if (stream.queuedSamples === 0) return stream.socket.sendMark(name);
    stream.marks.push({ at: stream.played + stream.queuedSamples, name });
  }

  private clear(stream: ConnectedStream): void {
    stream.queue = [];
    stream.queuedSamples = 0;
    for (const mark of stream.marks.splice(0)) stream.socket.sendMark(mark.name);
    this.stopPacer(stream);
  }

  /** Sends the frames that are due by the wall clock (a late timer catches up), each 20 ms of the server's audio. */
  private pace(stream: ConnectedStream): void {
    const link = this.link;
    const due = Math.floor((performance.now() - stream.pacedFrom) / FRAME_MS) + 1;
    while (stream.framesSent < due && stream.queuedSamples > 0) {
      const frame = takeSamples(stream, FRAME_SAMPLES);
      stream.framesSent++;
      stream.played += frame.length;
      if (link) link.socket.send(toWire(frame, link.rate), link.switchPort, link.switchAddress);
      while (stream.marks.length > 0 && stream.marks[0]!.at <= stream.played) stream.socket.sendMark(stream.marks.shift()!.name);
    }
    if (stream.queuedSamples === 0) this.stopPacer(stream);
  }

  private stopPacer(stream: ConnectedStream): void {
    if (stream.pacer) clearInterval(stream.pacer);
    stream.pacer = null;
  }

  /** The server closed the socket (or it failed): the verb is over and the document goes on. */
  private async connectEnded(stream: ConnectedStream, failure: StreamFailure | null): Promise<void> {
    this.stopPacer(stream);
    if (this.link?.onFrame && this.connected === stream) this.link.onFrame = null;
    if (this.connected !== stream) return;
    this.connected = null;
    if (failure) await this.report(stream.spec, stream.socket.streamSid, failure);
    else this.statusCallback(stream.spec, stream.socket.streamSid, "stream-stopped");
    if (!this.s.live()) return;
    if (this.s.running?.kind === "stream" && this.s.running.step === stream.step) await this.s.deliver({ kind: "streamEnded", step: stream.step });
  }

  /** A live change or the hang-up: the bidirectional stream ends from our side (`stop`, then close). */
  stopConnected(): void {
    const stream = this.connected;
    if (!stream) return;
    this.connected = null;
    this.stopPacer(stream);
    if (this.link) this.link.onFrame = null;
    stream.socket.stop();
    this.statusCallback(stream.spec, stream.socket.streamSid, "stream-stopped");
  }

  private closeLink(): void {
    const link = this.link;
    this.link = null;
    if (link) link.socket.close();
  }

  // ── <Start><Stream> / <Stop><Stream> ─────────────────────────────────────────────────────────────────────────

  async start(spec: StreamSpec, track: "inbound_track" | "outbound_track" | "both_tracks"): Promise<void> {
    if (!this.s.live()) return;
    const tracks: StreamTrack[] = track === "both_tracks" ? ["inbound", "outbound"] : track === "outbound_track" ? ["outbound"] : ["inbound"];
    const fork: ForkedStream = {
      socket: null as unknown as MediaStreamSocket,
      spec,
      file: "",
      tail: null as unknown as WavTail,
      tracks,
      pending: { inbound: new Int16Array(0), outbound: new Int16Array(0) },
      chunks: { inbound: 0, outbound: 0 },
      ended: false,
    };
    fork.socket = new MediaStreamSocket({
      url: spec.url,
      accountSid: this.s.channel.accountSid,
      callSid: this.s.channel.callId,
      tracks,
      customParameters: spec.parameters,
      bidirectional: false,
      onClosed: (failure) => void this.s.post(() => this.endFork(fork, failure, false)),
    });
    fork.socket.onWarning = (failure) => void this.report(spec, fork.socket.streamSid, failure);
    const failure = await fork.socket.open();
    if (failure) return this.report(spec, fork.socket.streamSid, failure, true);
    fork.file = path.resolve(this.s.host.recordingsDir, "streams", `${this.s.uuid}-${fork.socket.streamSid}.wav`);
    fork.tail = new WavTail(fork.file, { onSamples: () => undefined, onChannels: (channels) => this.forward(fork, channels) });
    this.forks.add(fork);
    // The switch splits api arguments on spaces: a path with one could not be handed over whole.
    if (/\s/.test(fork.file)) return this.endFork(fork, { code: 12400, message: "the recordings folder's path has a space" }, true);
    await mkdir(path.dirname(fork.file), { recursive: true });
    const vars = `{${RECORDING_VARS[track]},enable_file_write_buffering=false,RECORD_PRE_BUFFER_FRAMES=1}`;
    const reply = await this.s.host.esl.api(`uuid_record ${this.s.uuid} start ${fork.file} 0 ${vars}`).catch((err: unknown) => `-ERR ${String(err)}`);
    if (!reply.trim().startsWith("+OK")) return this.endFork(fork, { code: 12400, message: `the switch refused to fork the call's audio: ${reply.trim()}` }, true);
    fork.tail.start();
    this.statusCallback(spec, fork.socket.streamSid, "stream-started");
  }

  /** Stops the background streams with this name (every one without a name). */
  async stop(name: string | null): Promise<void> {
    for (const fork of [...this.forks]) if (name === null || fork.spec.name === name) await this.endFork(fork, null, true);
  }

  /** 20 ms frames of each track, in order, as μ-law media messages (timestamp: the track's audio time). */
  private forward(fork: ForkedStream, channels: Int16Array[]): void {
    // A stereo recording holds the read (inbound) side on the left and the written (outbound) side on the right.
    const byTrack: [StreamTrack, Int16Array | undefined][] = fork.tracks.length === 2 ? [["inbound", channels[0]], ["outbound", channels[1]]] : [[fork.tracks[0]!, channels[0]]];
    for (const [track, samples] of byTrack) {
      if (!samples) continue;
      let pending = concat(fork.pending[track], samples);
      while (pending.length >= FRAME_SAMPLES) {
        fork.socket.sendMedia(track, encodeMulaw(pending.subarray(0, FRAME_SAMPLES)), fork.chunks[track] * FRAME_MS);
        fork.chunks[track]++;
        pending = pending.subarray(FRAME_SAMPLES);
      }
      fork.pending[track] = pending;
    }
  }

  private async endFork(fork: ForkedStream, failure: StreamFailure | null, fromUs: boolean): Promise<void> {
    if (fork.ended) return;
    fork.ended = true;
    this.forks.delete(fork);
    await fork.tail?.stop();
    if (fork.file) {
      if (this.s.live()) await this.s.host.esl.api(`uuid_record ${this.s.uuid} stop ${fork.file}`).catch(() => undefined);
      await rm(fork.file, { force: true }).catch(() => undefined);
    }
    if (fromUs) fork.socket.stop();
    if (failure) await this.report(fork.spec, fork.socket.streamSid, failure);
    else this.statusCallback(fork.spec, fork.socket.streamSid, "stream-stopped");
  }

  // ── the end of the call ──────────────────────────────────────────────────────────────────────────────────────

  /** Every stream ends with the call (Twilio's `stop`), and the audio link closes. */
  async hungUp(): Promise<void> {
    this.stopConnected();
    await this.stop(null);
    this.closeLink();
  }

  // ── errors and status callbacks ──────────────────────────────────────────────────────────────────────────────

  /** A debugger entry (Twilio's stream code) and, when asked for, the stream-error callback. */
  private async report(spec: StreamSpec, streamSid: string, failure: StreamFailure, entry = true): Promise<void> {
    if (entry) await this.s.recordDebugger({ code: failure.code, message: `<Stream> ${spec.url}: ${failure.message}`, url: spec.url, source: "verb" });
    this.statusCallback(spec, streamSid, "stream-error", failure.message);
  }

  private statusCallback(spec: StreamSpec, streamSid: string, event: "stream-started" | "stream-stopped" | "stream-error", error?: string): void {
    const callback: Callback | null = spec.statusCallback;
    if (!callback) return;
    const params: Record<string, string> = {
      AccountSid: this.s.channel.accountSid,
      CallSid: this.s.channel.callId,
      StreamSid: streamSid,
      StreamEvent: event,
      Timestamp: new Date().toISOString(),
    };
    if (spec.name) params.StreamName = spec.name;
    if (error) params.StreamError = error;
    void this.s.host.track(this.s.notify(callback.url, callback.method, params));
  }
}

function takeSamples(stream: ConnectedStream, n: number): Int16Array {
  const out = new Int16Array(Math.min(n, stream.queuedSamples));
  let filled = 0;
  while (filled < out.length) {
    const head = stream.queue[0]!;
    const take = Math.min(head.length, out.length - filled);
    out.set(head.subarray(0, take), filled);
    filled += take;
    if (take === head.length) stream.queue.shift();
    else stream.queue[0] = head.subarray(take);
  }
  stream.queuedSamples -= out.length;
  return out;
}

function concat(a: Int16Array, b: Int16Array): Int16Array {
  if (a.length === 0) return b;
  const out = new Int16Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The switch's frames at its own rate (16 or 48 kHz for a wideband codec), averaged down to 8 kHz. */
function toNarrowband(pcm: Int16Array, rate: number): Int16Array {
  const factor = Math.round(rate / 8000);
  if (factor <= 1) return pcm;
  const out = new Int16Array(Math.floor(pcm.length / factor));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let j = 0; j < factor; j++) sum += pcm[i * factor + j]!;
    out[i] = Math.round(sum / factor);
  }
  return out;
}

/** 8 kHz samples as the datagram the switch writes to the channel: L16 at its rate (repeated samples up). */
function toWire(frame: Int16Array, rate: number): Buffer {
  const factor = Math.max(1, Math.round(rate / 8000));
  const out = Buffer.alloc(frame.length * factor * 2);
  for (let i = 0; i < frame.length; i++) for (let j = 0; j < factor; j++) out.writeInt16LE(frame[i]!, (i * factor + j) * 2);
  return out;
}

/** A UDP port nobody holds right now, for the switch to bind (it binds the local-port it is given). */
function freeUdpPort(host: string): Promise<number | null> {
  return new Promise((resolve) => {
    const probe = createSocket("udp4");
    probe.once("error", () => resolve(null));
    probe.bind(0, host, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
