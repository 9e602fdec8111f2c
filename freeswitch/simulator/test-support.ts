// Test helpers: a raw ESL client over net (no modesl, so the bytes are what the simulator wrote) and a reader for
// the fixture corpus (freeswitch/fixtures/esl: real FreeSWITCH 1.10.12 bytes, kept in the repository).
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { FrameReader, isEventFrame, parseEvent, type EslEvent, type EslFrame } from "../../worker/esl/wire.ts";

export const FIXTURES_DIR = path.resolve(import.meta.dirname, "../fixtures/esl");

/** One received frame, simplified for assertions. */
export interface Received {
  type: string;
  frame: EslFrame;
  event?: EslEvent;
}

export class RawEslClient {
  readonly frames: Received[] = [];
  private readonly socket: net.Socket;
  private waiters: Array<() => void> = [];
  closed = false;

  constructor(port: number) {
    this.socket = net.connect(port, "127.0.0.1");
    const reader = new FrameReader((frame) => {
      this.frames.push({ type: frame.contentType, frame, event: isEventFrame(frame) ? parseEvent(frame) : undefined });
      this.wake();
    });
    this.socket.on("data", (chunk) => reader.push(chunk));
    this.socket.on("close", () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on("error", () => undefined);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  send(block: string): void {
    this.socket.write(block.replace(/\n+$/, "") + "\n\n");
  }

  /** Waits until `pred` holds for the frames received so far. */
  async waitFor(pred: (frames: Received[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.frames)) {
      if (this.closed) throw new Error("socket closed while waiting");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for frames");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async waitEvent(pred: (e: EslEvent) => boolean, timeoutMs?: number): Promise<EslEvent> {
    await this.waitFor((fs) => fs.some((f) => f.event && pred(f.event)), timeoutMs);
    return this.frames.find((f) => f.event && pred(f.event))!.event!;
  }

  async waitClosed(timeoutMs = 10_000): Promise<void> {
    await this.waitFor(() => this.closed, timeoutMs).catch((err: Error) => {
      if (!this.closed) throw err;
    });
  }

  async login(password = "ClueCon", events = "event plain ALL"): Promise<void> {
    await this.waitFor((fs) => fs.length >= 1);
    this.send(`auth ${password}`);
    this.send(events);
    await this.waitFor((fs) => fs.filter((f) => f.type === "command/reply").length >= 2);
  }

  events(): EslEvent[] {
    return this.frames.flatMap((f) => (f.event ? [f.event] : []));
  }

  end(): void {
    this.socket.destroy();
  }
}

/** A command of a fixture's commands.txt: the block sent and its offset (ms from connect). */
export interface FixtureCommand {
  atMs: number;
  text: string;
}

export function readFixtureCommands(dir: string): FixtureCommand[] {
  const lines = readFileSync(path.join(dir, "commands.txt"), "utf8").split("\n");
  const out: FixtureCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^#> t=\+\s*(\d+) ms/.exec(lines[i]!);
    if (!m) continue;
    const block: string[] = [];
    for (i++; i < lines.length && lines[i] !== ""; i++) block.push(lines[i]!);
    out.push({ atMs: Number(m[1]), text: block.join("\n") });
  }
  return out;
}

export function readFixtureFrames(dir: string): Received[] {
  const frames: Received[] = [];
  const reader = new FrameReader((frame) => {
    frames.push({ type: frame.contentType, frame, event: isEventFrame(frame) ? parseEvent(frame) : undefined });
  });
  reader.push(readFileSync(path.join(dir, "events.txt")));
  return frames;
}
