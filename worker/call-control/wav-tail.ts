// Reads a WAV file while the switch is still writing it (a recording with its write buffering off): the header's
// format, then whatever samples have been appended since the last read, every `pollMs`. The header's sizes are
// placeholders until the switch closes the file, so they are ignored; the data chunk runs to the end of the file.
import { open, type FileHandle } from "node:fs/promises";

export interface WavTailOptions {
  pollMs?: number;
  /** Mono 16-bit samples as they arrive, with the file's sample rate. */
  onSamples: (samples: Int16Array, sampleRate: number) => void;
  /** Every channel of each read (a stereo recording's both sides), when wanted; onSamples still gets the first. */
  onChannels?: (channels: Int16Array[], sampleRate: number) => void;
}

const READ_CHUNK = 64 * 1024;

export class WavTail {
  private handle: FileHandle | null = null;
  private offset = -1;
  private sampleRate = 8000;
  private channels = 1;
  private carry: Buffer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private reading = false;
  private readonly buffer = Buffer.alloc(READ_CHUNK);

  constructor(
    readonly file: string,
    private readonly opts: WavTailOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs ?? 20);
    this.timer.unref?.();
  }

  /** Reads what is left, then stops. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    if (this.timer) clearInterval(this.timer);
    await this.poll();
    this.stopped = true;
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
  }

  private async poll(): Promise<void> {
    if (this.stopped || this.reading) return;
    this.reading = true;
    try {
      if (!this.handle) this.handle = await open(this.file, "r").catch(() => null);
      if (!this.handle) return;
      if (this.offset < 0 && !(await this.readHeader())) return;
      for (;;) {
        const { bytesRead } = await this.handle.read(this.buffer, 0, READ_CHUNK, this.offset);
        if (bytesRead === 0) return;
        this.offset += bytesRead;
        this.emit(this.buffer.subarray(0, bytesRead));
        if (bytesRead < READ_CHUNK) return;
      }
    } finally {
      this.reading = false;
    }
  }

  /** Finds the fmt and data chunks; false until the header is all there. */
  private async readHeader(): Promise<boolean> {
    const head = Buffer.alloc(512);
    const { bytesRead } = await this.handle!.read(head, 0, head.length, 0);
    if (bytesRead < 12 || head.toString("ascii", 0, 4) !== "RIFF" || head.toString("ascii", 8, 12) !== "WAVE") return false;
    let at = 12;
    while (at + 8 <= bytesRead) {
      const id = head.toString("ascii", at, at + 4);
      const size = head.readUInt32LE(at + 4);
      if (id === "fmt ") {
        this.channels = head.readUInt16LE(at + 10);
        this.sampleRate = head.readUInt32LE(at + 12);
      } else if (id === "data") {
        this.offset = at + 8;
        return true;
      }
      at += 8 + size + (size % 2);
    }
    return false;
  }

  private emit(bytes: Buffer): void {
    const frameBytes = 2 * this.channels;
    let data = this.carry ? Buffer.concat([this.carry, bytes]) : bytes;
    const whole = data.length - (data.length % frameBytes);
    this.carry = whole < data.length ? Buffer.from(data.subarray(whole)) : null;
    data = data.subarray(0, whole);
    if (data.length === 0) return;
    const frames = data.length / frameBytes;
    const samples = new Int16Array(frames);
    for (let i = 0; i < frames; i++) {
      // Stereo: the first channel (a read-only recording is mono anyway).
      samples[i] = data.readInt16LE(i * frameBytes);
    }
    this.opts.onSamples(samples, this.sampleRate);
    if (!this.opts.onChannels) return;
    if (this.channels === 1) return this.opts.onChannels([samples], this.sampleRate);
    const channels = Array.from({ length: this.channels }, () => new Int16Array(frames));
    for (let i = 0; i < frames; i++) for (let c = 0; c < this.channels; c++) channels[c]![i] = data.readInt16LE(i * frameBytes + c * 2);
    this.opts.onChannels(channels, this.sampleRate);
  }
}
