// mod_event_socket's inbound mode: auth, event subscriptions and filters, api/bgapi, sendmsg, log, exit.
// Commands on one connection run one at a time. Events caused while a blocking `api` runs are held and written after
// its api/response, as FreeSWITCH's listener thread does (it writes queued events only while waiting for a command).
// Writes are batched: everything produced in one tick goes out in one socket.write.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { runApi } from "./api.ts";
import { framePlain, frameJson, headerValue, type SimEvent } from "./events.ts";
import type { SimSwitch } from "./switch.ts";
import { startUnicast } from "./unicast.ts";
import {
  serializeApiResponse, serializeAuthRequest, serializeCommandReply, serializeDisconnectNotice, serializeLogData,
} from "../../worker/esl/wire.ts";

export interface EslServerOptions {
  port: number;
  host?: string;
  password: string;
}

export class EslServer {
  private readonly server: net.Server;
  private readonly sessions = new Set<EslSession>();

  constructor(private readonly sw: SimSwitch, private readonly opts: EslServerOptions) {
    this.server = net.createServer((socket) => {
      socket.setNoDelay(true);
      const session = new EslSession(sw, socket, opts.password);
      this.sessions.add(session);
      socket.on("close", () => {
        session.dispose();
        this.sessions.delete(session);
      });
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.opts.port, this.opts.host ?? "127.0.0.1", () => {
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Drops every ESL connection at once, without a goodbye (link-loss tests). */
  dropAll(): number {
    const n = this.sessions.size;
    for (const s of this.sessions) s.destroy();
    return n;
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

type Format = "plain" | "json";

class EslSession {
  private authed = false;
  private closing = false;
  private format: Format = "plain";
  private allEvents = false;
  private readonly eventNames = new Set<string>();
  private readonly subclasses = new Set<string>();
  /** header → accepted values (an event passes when it matches any filter). */
  private readonly filters: Array<[string, string]> = [];
  private logLevel = -1;
  private buffer = "";
  private readonly commands: string[] = [];
  private processing = false;
  /** While a blocking api runs, events wait here. */
  private blocked = false;
  private held: Buffer[] = [];
  private out: Buffer[] = [];
  private flushScheduled = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly sw: SimSwitch, private readonly socket: net.Socket, private readonly password: string) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.onData(chunk));
    socket.on("error", () => socket.destroy());
    this.unsubscribe = sw.subscribe((ev) => this.onEvent(ev));
    this.write(serializeAuthRequest());
  }

  dispose(): void {
    this.unsubscribe();
  }

  destroy(): void {
    this.unsubscribe();
    this.socket.destroy();
  }

  // ------------------------------------------------------------ output

  private write(frame: Buffer): void {
    this.out.push(frame);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.out.length === 0 || this.socket.destroyed) return;
    const data = this.out.length === 1 ? this.out[0]! : Buffer.concat(this.out);
    this.out = [];
    this.socket.write(data);
  }

  private onEvent(ev: SimEvent): void {
    if (!this.authed || this.closing || !this.wants(ev)) return;
    const frame = this.format === "json" ? frameJson(ev) : framePlain(ev);
    if (this.blocked) this.held.push(frame);
    else this.write(frame);
  }

  private wants(ev: SimEvent): boolean {
    if (ev.subclass) {
      if (!this.allEvents && !this.subclasses.has(ev.subclass) && !this.eventNames.has("CUSTOM")) return false;
      if (!this.allEvents && this.subclasses.size > 0 && !this.subclasses.has(ev.subclass)) return false;
    } else if (!this.allEvents && !this.eventNames.has(ev.name)) {
      return false;
    }
    if (this.filters.length === 0) return true;
    for (const [header, value] of this.filters) {
      const v = header === "Unique-ID" ? ev.uuid ?? headerValue(ev, header) : headerValue(ev, header);
      if (v === value) return true;
    }
    return false;
  }

  // ------------------------------------------------------------ input

  private onData(chunk: string): void {
    this.buffer += chunk.replace(/\r/g, "");
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (block.trim()) this.commands.push(block.replace(/^\n+/, ""));
    }
    if (!this.processing) void this.processCommands();
  }

  private async processCommands(): Promise<void> {
    this.processing = true;
    while (this.commands.length && !this.closing) {
      await this.handle(this.commands.shift()!);
    }
    this.processing = false;
  }

  private reply(text: string, extra?: string[]): void {
    this.write(serializeCommandReply(text, extra));
  }

  private async handle(block: string): Promise<void> {
    const lines = block.split("\n");
    const first = lines[0]!.trim();
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const i = line.indexOf(":");
      if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    const space = first.indexOf(" ");
    const cmd = (space < 0 ? first : first.slice(0, space)).toLowerCase();
    const rest = space < 0 ? "" : first.slice(space + 1).trim();

    if (!this.authed) {
      if (cmd === "auth") {
        if (rest === this.password) {
          this.authed = true;
          this.reply("+OK accepted");
        } else {
          this.reply("-ERR invalid");
          this.goodbye();
        }
      } else {
        this.reply("-ERR command not found");
      }
      return;
    }

    switch (cmd) {
      case "api":
        await this.api(rest);
        return;
      case "bgapi":
        this.bgapi(rest, headers.get("job-uuid"));
        return;
      case "event":
        this.subscribe(rest);
        return;
      case "nixevent":
        for (const name of rest.split(/\s+/)) {
          if (name === "ALL") this.allEvents = false;
          this.eventNames.delete(name);
          this.subclasses.delete(name);
        }
        this.reply("+OK events nixed");
        return;
      case "noevents":
        this.allEvents = false;
        this.eventNames.clear();
        this.subclasses.clear();
        this.reply("+OK no longer listening for events");
        return;
      case "filter":
        this.filter(rest);
        return;
      case "sendmsg":
        this.sendmsg(rest, lines.slice(1), headers);
        return;
      case "linger":
      case "nolinger":
        this.reply("-ERR not controlling a session");
        return;
      case "log": {
        this.logLevel = Number(rest) || 7;
        this.reply(`+OK log level ${this.logLevel} [${this.logLevel}]`);
        return;
      }
      case "nolog":
        this.logLevel = -1;
        this.reply("+OK no longer logging");
        return;
      case "exit":
        this.reply("+OK bye");
        this.goodbye();
        return;
      default:
        this.reply("-ERR command not found");
    }
  }

  private goodbye(): void {
    this.closing = true;
    this.write(serializeDisconnectNotice());
    setImmediate(() => {
      this.flush();
      this.socket.end();
    });
  }

  private subscribe(rest: string): void {
    const tokens = rest.split(/\s+/).filter(Boolean);
    if (tokens[0] === "plain" || tokens[0] === "json" || tokens[0] === "xml") {
      this.format = tokens.shift() === "json" ? "json" : "plain";
    }
    let custom = false;
    for (const t of tokens) {
      if (t === "ALL") this.allEvents = true;
      else if (t === "CUSTOM") {
        custom = true;
        this.eventNames.add("CUSTOM");
      } else if (custom || t.includes("::")) this.subclasses.add(t);
      else this.eventNames.add(t);
    }
    this.reply(`+OK event listener enabled ${this.format}`);
  }

  private filter(rest: string): void {
    const parts = rest.split(/\s+/);
    if (parts[0] === "delete") {
      const [, header = "", value] = parts;
      if (header === "all") this.filters.length = 0;
      for (let i = this.filters.length - 1; i >= 0; i--) {
        const [h, v] = this.filters[i]!;
        if (h === header && (value === undefined || v === value)) this.filters.splice(i, 1);
      }
      this.reply(`+OK filter deleted. [${header}][${value ?? ""}]`);
      return;
    }
    const [header = "", ...valueParts] = parts;
    const value = valueParts.join(" ");
    this.filters.push([header, value]);
    this.reply(`+OK filter added. [${header}]=[${value}]`);
  }

  // ------------------------------------------------------------ api / bgapi / sendmsg

  private async api(rest: string): Promise<void> {
    const space = rest.indexOf(" ");
    const command = space < 0 ? rest : rest.slice(0, space);
    const arg = space < 0 ? "" : rest.slice(space + 1);
    const apiEvent = this.sw.apiEvent(command, arg);
    this.blocked = true;
    const body = await new Promise<string>((resolve) => runApi(this.sw, command, arg, resolve));
    this.sw.fire(apiEvent);
    this.blocked = false;
    this.write(serializeApiResponse(body));
    if (command === "log" && this.logLevel >= 6) this.logLine(arg);
    const held = this.held;
    this.held = [];
    for (const frame of held) this.write(frame);
  }

  private bgapi(rest: string, ownJobUuid: string | undefined): void {
    const jobUuid = ownJobUuid || randomUUID();
    this.reply(`+OK Job-UUID: ${jobUuid}`, ["Job-UUID", jobUuid]);
    const space = rest.indexOf(" ");
    const command = space < 0 ? rest : rest.slice(0, space);
    const arg = space < 0 ? "" : rest.slice(space + 1);
    const apiEvent = this.sw.apiEvent(command, arg);
    // The job runs on its own thread in FreeSWITCH: start it after the command/reply is on its way.
    setImmediate(() => {
      runApi(this.sw, command, arg, (body) => {
        this.sw.fire(apiEvent);
        this.sw.backgroundJob(jobUuid, command, arg, body);
      });
    });
  }

  private sendmsg(rest: string, rawLines: string[], headers: Map<string, string>): void {
    const uuid = rest || headers.get("unique-id") || "";
    const ch = this.sw.channels.get(uuid);
    if (!ch) {
      this.reply(`-ERR invalid session id [${uuid}]`);
      return;
    }
    this.reply("+OK");
    // The PRIVATE_COMMAND event echoes the message's own headers (Command first).
    const command = ["Command", `sendmsg ${uuid}`];
    for (const line of rawLines) {
      const i = line.indexOf(":");
      if (i > 0) command.push(line.slice(0, i).trim(), line.slice(i + 1).trim());
    }
    const callCommand = headers.get("call-command");
    if (callCommand === "execute") {
      const app = headers.get("execute-app-name") ?? "";
      const arg = headers.get("execute-app-arg") ?? "";
      const loops = Number(headers.get("loops") ?? "1") || 1;
      for (let i = 0; i < loops; i++) {
        this.sw.startApp(ch, app, arg, { appUuid: headers.get("event-uuid"), command: i === loops - 1 ? command : undefined });
      }
    } else if (callCommand === "hangup") {
      this.sw.hangup(ch, { cause: headers.get("hangup-cause") || "NORMAL_CLEARING", disposition: "send_bye" });
      this.sw.fire(privateCommandAfterHangup(this.sw, ch.uuid, command));
    } else if (callCommand === "unicast") {
      startUnicast(this.sw, ch, headers);
    } else if (callCommand === "nomedia") {
      // Accepted and ignored: the simulator has no media path.
    }
  }

  /** The log/data frame FreeSWITCH sends for `api log <LEVEL> <text>` (fixture 18). */
  private logLine(arg: string): void {
    const text = arg.replace(/^\S+\s*/, "");
    const d = new Date();
    const stamp = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}.${String(d.getMilliseconds() * 1000).padStart(6, "0")}`;
    const line = `${stamp} 99.00% [INFO] mod_commands.c:7200 ${text}\n`;
    this.write(serializeLogData({ level: 6, textChannel: 3, file: "mod_commands.c", func: "log_function", line: 7200 }, line));
  }
}

/** PRIVATE_COMMAND for a sendmsg hangup comes after CHANNEL_HANGUP (fixture 07). */
function privateCommandAfterHangup(sw: SimSwitch, uuid: string, command: string[]): SimEvent {
  const ev = sw.newEvent("PRIVATE_COMMAND", "PRIVATE_COMMAND");
  ev.uuid = uuid;
  const prefix = ev.headers.splice(0);
  ev.headers.push(...command, ...prefix);
  const ch = sw.channels.get(uuid);
  ch?.pushBasicData(ev.headers);
  return ev;
}
