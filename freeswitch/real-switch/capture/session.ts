// One recorded ESL session against the real switch, written as a fixture folder of freeswitch/fixtures/esl
// (events.txt: every byte the switch sent; commands.txt: every block sent, with ms offsets and notes), after the
// corpus's sanitizing (this machine's hostname, addresses and scratch paths replaced; lengths recomputed).
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { FrameReader, isEventFrame, parseEvent, serializeFrame, type EslEvent } from "../../../worker/esl/wire.ts";

export interface Replacement {
  from: string;
  to: string;
}

export class RecordedSession {
  private readonly socket: net.Socket;
  private readonly chunks: Buffer[] = [];
  private readonly commands: string[] = [];
  readonly events: EslEvent[] = [];
  readonly replies: string[] = [];
  private waiters: Array<() => void> = [];
  private readonly startedAt = Date.now();
  closed = false;

  constructor(port: number, readonly title: string) {
    this.socket = net.connect(port, "127.0.0.1");
    const reader = new FrameReader((frame) => {
      if (isEventFrame(frame)) this.events.push(parseEvent(frame));
      else if (frame.contentType === "api/response") this.replies.push(frame.bodyText);
      else if (frame.contentType === "command/reply") this.replies.push(frame.get("Reply-Text") ?? "");
      this.wake();
    });
    this.socket.on("data", (chunk: Buffer) => {
      this.chunks.push(chunk);
      reader.push(chunk);
    });
    this.socket.on("close", () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on("error", () => undefined);
    this.note(`TCP connected to 127.0.0.1:${port}`);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  private at(): string {
    return `t=+${String(Date.now() - this.startedAt).padStart(6)} ms`;
  }

  note(text: string): void {
    this.commands.push(`# . ${this.at()}  ${text}`, "");
  }

  send(block: string, why: string): void {
    this.commands.push(`#> ${this.at()}  -- ${why}`, block, "");
    this.socket.write(block + "\n\n");
  }

  /** Sends `api <cmd>` and resolves with its body. */
  async api(cmd: string, why: string): Promise<string> {
    const before = this.replies.length;
    this.send(`api ${cmd}`, why);
    await this.until(() => this.replies.length > before, 30_000, `api ${cmd}`);
    return this.replies[before]!;
  }

  /** sendmsg execute with an Event-UUID (the Application-UUID of its CHANNEL_EXECUTE / _COMPLETE). */
  execute(uuid: string, app: string, arg: string, eventUuid: string, why: string, eventLock = false): void {
    const lines = [`sendmsg ${uuid}`, "call-command: execute", `execute-app-name: ${app}`];
    if (arg) lines.push(`execute-app-arg: ${arg}`);
    if (eventLock) lines.push("event-lock: true");
    lines.push(`Event-UUID: ${eventUuid}`);
    this.send(lines.join("\n"), why);
  }

  async until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (this.closed) throw new Error(`socket closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async waitEvent(pred: (e: EslEvent) => boolean, what: string, timeoutMs = 30_000): Promise<EslEvent> {
    let found: EslEvent | undefined;
    await this.until(() => (found = this.events.find(pred)) !== undefined, timeoutMs, what);
    this.note(`seen: ${what}`);
    return found!;
  }

  /** The CHANNEL_EXECUTE_COMPLETE of the app sent with this Event-UUID. */
  complete(appUuid: string, what: string, timeoutMs = 30_000): Promise<EslEvent> {
    return this.waitEvent((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.get("Application-UUID") === appUuid, `EXECUTE_COMPLETE ${what}`, timeoutMs);
  }

  async pause(ms: number, why: string): Promise<void> {
    this.note(`sleep ${ms} ms (${why})`);
    await new Promise((r) => setTimeout(r, ms));
  }

  async login(password: string): Promise<void> {
    await this.until(() => this.chunks.length > 0, 10_000, "auth/request");
    this.send(`auth ${password}`, "reply to auth/request");
    this.send("event plain ALL", "subscribe to every event");
    await this.until(() => this.replies.length >= 2, 10_000, "event reply");
  }

  async exit(): Promise<void> {
    this.send("exit", "end session; FreeSWITCH replies +OK bye, then sends text/disconnect-notice and closes");
    await this.until(() => this.closed, 10_000, "close").catch(() => this.socket.destroy());
    this.note("socket closed by peer");
  }

  /** Writes events.txt (sanitized, Content-Length recomputed) and commands.txt into `dir`. */
  write(dir: string, replacements: Replacement[], password: string, hostname: string): void {
    mkdirSync(dir, { recursive: true });
    const ownHost = new RegExp(`^([A-Za-z_-]+: )${hostname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "gm");
    const clean = (s: string) => {
      let out = s.replace(ownHost, "$1fs-test");
      for (const r of replacements) out = out.split(r.from).join(r.to);
      return out;
    };
    const out: Buffer[] = [];
    const reader = new FrameReader((frame) => {
      const body = frame.body ? clean(frame.body.toString("utf8")) : undefined;
      const length = body === undefined ? "0" : String(Buffer.byteLength(body));
      out.push(serializeFrame(frame.headers.map(([n, v]) => [n, n === "Content-Length" ? length : v === hostname ? "fs-test" : clean(v)] as const), body));
    });
    reader.push(Buffer.concat(this.chunks));
    writeFileSync(path.join(dir, "events.txt"), Buffer.concat(out));
    const header = [
      `# ${path.basename(dir)}: ${this.title}`,
      "# ESL commands sent over TCP, in order. Each block after a \"#>\" line is sent verbatim followed by an empty line.",
      "# Times are milliseconds since the TCP connection was established. Lines starting with \"# .\" are notes, not sent.",
      "",
    ];
    writeFileSync(path.join(dir, "commands.txt"), clean([...header, ...this.commands].join("\n").split(password).join("ClueCon")) + "\n");
  }
}
