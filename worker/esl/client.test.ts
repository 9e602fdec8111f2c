import { once } from "node:events";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type EslAuthError, EslClient, EslCommandError, EslLinkDownError, EslTimeoutError, type EslClientOptions, type EslLinkState } from "./client";
import {
  FrameReader,
  reserializeFrame,
  serializeApiResponse,
  serializeAuthRequest,
  serializeCommandReply,
  serializeDisconnectNotice,
  serializeEventPlain,
  type EslEvent,
  type EslFrame,
} from "./wire";

// ---- a tiny fake FreeSWITCH: replays fixture bytes and scripted replies --------------------------------

const FIXTURES = path.resolve(import.meta.dirname, "../../freeswitch/fixtures/esl");

function fixtureFrames(dir: string): EslFrame[] {
  const frames: EslFrame[] = [];
  new FrameReader((f) => frames.push(f)).push(readFileSync(path.join(FIXTURES, dir, "events.txt")));
  return frames;
}

interface FakeConn {
  socket: net.Socket;
  commands: string[];
  send(bytes: Buffer | string): void;
}

/** Return true when the command was handled; otherwise the default FreeSWITCH-like reply is sent. */
type Script = (command: string, conn: FakeConn) => boolean | void;

interface FakeSwitch {
  port: number;
  conns: FakeConn[];
  /** Every command of every connection, in order. */
  commands(): string[];
  close(): Promise<void>;
}

const servers: FakeSwitch[] = [];
const clients: EslClient[] = [];

async function fakeSwitch(script: Script = () => false, opts: { password?: string; greet?: boolean } = {}): Promise<FakeSwitch> {
  const conns: FakeConn[] = [];
  const server = net.createServer((socket) => {
    const conn: FakeConn = { socket, commands: [], send: (b) => void (socket.destroyed || socket.write(b)) };
    conns.push(conn);
    socket.on("error", () => {});
    let buffered = "";
    socket.on("data", (chunk) => {
      buffered += chunk.toString("utf8");
      let end: number;
      while ((end = buffered.indexOf("\n\n")) !== -1) {
        const command = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        conn.commands.push(command);
        if (script(command, conn) !== true) defaultReply(command, conn, opts.password ?? "ClueCon");
      }
    });
    if (opts.greet !== false) conn.send(serializeAuthRequest());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const fake: FakeSwitch = {
    port: (server.address() as net.AddressInfo).port,
    conns,
    commands: () => conns.flatMap((c) => c.commands),
    close: async () => {
      for (const c of conns) c.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(fake);
  return fake;
}

function defaultReply(command: string, conn: FakeConn, password: string): void {
  if (command.startsWith("auth ")) {
    if (command === `auth ${password}`) conn.send(serializeCommandReply("+OK accepted"));
    else {
      // Fixture 17, byte for byte: -ERR invalid, the disconnect notice, then FreeSWITCH closes.
      conn.send(Buffer.concat(fixtureFrames("17-auth-failure").slice(1).map(reserializeFrame)));
      conn.socket.end();
    }
  } else if (command.startsWith("event plain ") || command.startsWith("event json ")) {
    conn.send(serializeCommandReply("+OK event listener enabled " + command.split(" ")[1]));
  } else if (command === "exit") {
    conn.send(Buffer.concat([serializeCommandReply("+OK bye"), serializeDisconnectNotice()]));
    conn.socket.end();
  } else if (command.startsWith("api ")) {
    conn.send(serializeApiResponse("-ERR " + command.slice(4).split(" ")[0] + " Command not found!\n"));
  } else {
    conn.send(serializeCommandReply("-ERR command not found"));
  }
}

function client(port: number, extra: Partial<EslClientOptions> = {}): EslClient {
  const c = new EslClient({
    host: "127.0.0.1",
    port,
    password: "ClueCon",
    commandTimeoutMs: 500,
    handshakeTimeoutMs: 500,
    reconnectBaseMs: 20,
    reconnectMaxMs: 200,
    heartbeatTimeoutMs: 0,
    ...extra,
  });
  clients.push(c);
  return c;
}

async function up(c: EslClient): Promise<void> {
  c.start();
  await c.waitUntilUp(2_000);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds (the machine may be busy: fixed sleeps alone would make the tests flaky). */
async function eventually(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await sleep(10);
  }
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close(200)));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

// ---------------------------------------------------------------------------------------------------------

describe("EslClient handshake", () => {
  it("authenticates, subscribes (CUSTOM subclasses last, BACKGROUND_JOB and HEARTBEAT added) and reports up", async () => {
    const fs = await fakeSwitch();
    const c = client(fs.port, { events: ["CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"], customSubclasses: ["avmd::beep"], heartbeatTimeoutMs: 10_000 });
    const states: EslLinkState[] = [];
    c.on("link", (s) => states.push(s));
    let connected = 0;
    c.on("connected", () => connected++);
    await up(c);
    expect(states).toEqual(["connecting", "up"]);
    expect(connected).toBe(1);
    expect(c.linkState).toBe("up");
    expect(fs.commands()).toEqual(["auth ClueCon", "event plain CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE BACKGROUND_JOB HEARTBEAT CUSTOM avmd::beep"]);
  });

  it("subscribes to everything with events: ALL", async () => {
    const fs = await fakeSwitch();
    await up(client(fs.port, { events: "ALL" }));
    expect(fs.commands()[1]).toBe("event plain ALL");
  });

  it("surfaces -ERR invalid as an EslAuthError and then backs off long, not in a loop", async () => {
    const fs = await fakeSwitch(() => false, { password: "right" });
    const c = client(fs.port, { authFailureBackoffMs: 400 });
    const authErrors: EslAuthError[] = [];
    c.on("authError", (e) => authErrors.push(e));
    c.start();
    await sleep(300);
    expect(authErrors).toHaveLength(1);
    expect(authErrors[0]!.message).toContain("-ERR invalid");
    expect(c.linkState).toBe("down");
    expect(c.connectAttempts).toBe(1); // the normal 20-200 ms backoff would have retried several times by now
    await eventually(() => authErrors.length === 2);
    expect(c.connectAttempts).toBe(2);
  });

  it("drops a connection whose handshake never completes", async () => {
    const fs = await fakeSwitch(() => false, { greet: false }); // never sends auth/request
    const c = client(fs.port, { handshakeTimeoutMs: 80 });
    const downs: Error[] = [];
    c.on("link", (s, reason) => s === "down" && reason && downs.push(reason));
    c.start();
    await sleep(150);
    expect(downs[0]).toBeInstanceOf(EslLinkDownError);
    expect(downs[0]!.message).toContain("handshake");
  });
});

describe("EslClient commands", () => {
  it("api resolves with the api/response body; replies are matched in order", async () => {
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd.startsWith("api uuid_exists ")) {
        conn.send(serializeApiResponse(cmd.endsWith("aef") ? "true" : "false"));
        return true;
      }
    });
    const c = client(fs.port);
    await up(c);
    const [a, b, d] = await Promise.all([
      c.api("uuid_exists 10d85e56-40d0-498c-8e5c-9ea5f8728aef"),
      c.api("uuid_exists 00000000-0000-0000-0000-000000000000"),
      c.api("nosuchcommand"),
    ]);
    expect([a, b, d]).toEqual(["true", "false", "-ERR nosuchcommand Command not found!\n"]);
    expect(c.pendingCount).toBe(0);
  });

  it("bgapi sends its own Job-UUID header and resolves with that BACKGROUND_JOB's body (fixture 18 bytes)", async () => {
    const frames = fixtureFrames("18-control-commands");
    const jobUuid = "f1c4e2b0-0000-4000-8000-000000000018";
    const reply = frames.find((f) => f.contentType === "command/reply" && f.get("Job-UUID") === jobUuid)!;
    const event = frames[frames.indexOf(reply) + 1]!;
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd.startsWith("bgapi ")) {
        conn.send(reserializeFrame(reply));
        setTimeout(() => conn.send(reserializeFrame(event)), 20);
        return true;
      }
    });
    const c = client(fs.port);
    await up(c);
    const events: EslEvent[] = [];
    c.on("event", (e) => events.push(e));
    const body = await c.bgapi("status", { jobUuid });
    expect(fs.commands()[2]).toBe(`bgapi status\nJob-UUID: ${jobUuid}`);
    expect(body).toMatch(/^UP 0 years/);
    expect(body).toContain("1000 session(s) max");
    expect(events.map((e) => e.name)).toEqual(["BACKGROUND_JOB"]); // still delivered to listeners
    expect(c.pendingCount).toBe(0);
  });

  it("bgapi matches the job even when BACKGROUND_JOB overtakes the reply, and rejects a refused submission", async () => {
    const fs = await fakeSwitch((cmd, conn) => {
      const [line, header = ""] = cmd.split("\n");
      const id = header.slice("Job-UUID: ".length);
      if (line === "bgapi originate x") {
        conn.send(serializeEventPlain([["Event-Name", "BACKGROUND_JOB"], ["Job-UUID", id], ["Job-Command", "originate"]], "-ERR USER_BUSY\n"));
        conn.send(serializeCommandReply("+OK Job-UUID: " + id, [["Job-UUID", id]]));
        return true;
      }
      if (line === "bgapi refused") {
        conn.send(serializeCommandReply("-ERR refused"));
        return true;
      }
    });
    const c = client(fs.port);
    await up(c);
    await expect(c.bgapi("originate x")).resolves.toBe("-ERR USER_BUSY\n");
    await expect(c.bgapi("refused")).rejects.toBeInstanceOf(EslCommandError);
    expect(c.pendingCount).toBe(0);
  });

  it("bgapi follows a server that confirms a Job-UUID of its own choosing", async () => {
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd.startsWith("bgapi ")) {
        conn.send(serializeCommandReply("+OK Job-UUID: srv-1", [["Job-UUID", "srv-1"]]));
        conn.send(serializeEventPlain([["Event-Name", "BACKGROUND_JOB"], ["Job-UUID", "srv-1"]], "+OK done\n"));
        return true;
      }
    });
    const c = client(fs.port);
    await up(c);
    await expect(c.bgapi("status", { jobUuid: "mine-1" })).resolves.toBe("+OK done\n");
    expect(c.pendingCount).toBe(0);
  });

  it("a command times out, and its late reply is not handed to the next command", async () => {
    let slow: FakeSwitch["conns"][number] | undefined;
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd === "api slow") {
        slow = conn;
        return true; // no reply yet
      }
      if (cmd === "api fast") {
        conn.send(serializeApiResponse("late reply of slow\n")); // FreeSWITCH answers in order
        conn.send(serializeApiResponse("fast\n"));
        return true;
      }
    });
    const c = client(fs.port);
    await up(c);
    const t0 = Date.now();
    await expect(c.api("slow", { timeoutMs: 60 })).rejects.toBeInstanceOf(EslTimeoutError);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(slow).toBeDefined();
    await expect(c.api("fast")).resolves.toBe("fast\n");
    expect(c.pendingCount).toBe(0);
  });

  it("bgapi times out when no BACKGROUND_JOB comes", async () => {
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd.startsWith("bgapi ")) {
        conn.send(serializeCommandReply("+OK Job-UUID: j1", [["Job-UUID", "j1"]]));
        return true;
      }
    });
    const c = client(fs.port);
    await up(c);
    await expect(c.bgapi("status", { jobUuid: "j1", timeoutMs: 60 })).rejects.toBeInstanceOf(EslTimeoutError);
    expect(c.pendingCount).toBe(0);
  });

  it("every pending command and job rejects with EslLinkDownError the moment the socket drops", async () => {
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd === "api hang") return true;
      if (cmd.startsWith("bgapi ")) {
        conn.send(serializeCommandReply("+OK Job-UUID: j2", [["Job-UUID", "j2"]]));
        setTimeout(() => conn.socket.destroy(), 30);
        return true;
      }
    });
    const c = client(fs.port, { commandTimeoutMs: 10_000, reconnectBaseMs: 5_000 });
    await up(c);
    const t0 = Date.now();
    // FreeSWITCH replies in order: the bgapi's reply comes, then the api blocks until the drop.
    const results = await Promise.allSettled([c.bgapi("originate y", { jobUuid: "j2" }), c.api("hang")]);
    expect(Date.now() - t0).toBeLessThan(1_000);
    for (const r of results) {
      expect(r.status).toBe("rejected");
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(EslLinkDownError);
    }
    expect(c.pendingCount).toBe(0);
    expect(c.linkState).toBe("down");
    await expect(c.api("status")).rejects.toBeInstanceOf(EslLinkDownError); // no queueing while down
  });

  it("sendmsg writes the execute message FreeSWITCH expects and rejects -ERR", async () => {
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd.startsWith("sendmsg ")) {
        conn.send(serializeCommandReply(cmd.startsWith("sendmsg gone") ? "-ERR invalid session id [gone]" : "+OK"));
        return true;
      }
    });
    const c = client(fs.port);
    await up(c);
    await expect(c.sendmsg("378e6535", "playback", "/tmp/a b.wav")).resolves.toBe("+OK");
    await expect(c.sendmsg("378e6535", { app: "speak", arg: "flite|kal|Hello", eventLock: true, eventUuid: "e1" })).resolves.toBe("+OK");
    await expect(c.sendmsg("gone", "hangup")).rejects.toBeInstanceOf(EslCommandError);
    expect(fs.commands().slice(2)).toEqual([
      "sendmsg 378e6535\ncall-command: execute\nexecute-app-name: playback\nexecute-app-arg: /tmp/a b.wav",
      "sendmsg 378e6535\ncall-command: execute\nexecute-app-name: speak\nexecute-app-arg: flite|kal|Hello\nevent-lock: true\nEvent-UUID: e1",
      "sendmsg gone\ncall-command: execute\nexecute-app-name: hangup",
    ]);
  });

  it("refuses values with line breaks (no header or command injection)", async () => {
    const fs = await fakeSwitch();
    const c = client(fs.port);
    await up(c);
    await expect(c.api("status\n\nauth x")).rejects.toBeInstanceOf(TypeError);
    await expect(c.sendmsg("u", "playback", "a\nb")).rejects.toBeInstanceOf(TypeError);
  });

  it("delivers the events of a real session, parsed, in order", async () => {
    const session = fixtureFrames("01-originate-park-kill").filter((f) => f.contentType === "text/event-plain");
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd.startsWith("event plain")) {
        conn.send(serializeCommandReply("+OK event listener enabled plain"));
        // Arbitrary TCP boundaries: the whole session in 1,000-byte writes.
        const bytes = Buffer.concat(session.map(reserializeFrame));
        for (let i = 0; i < bytes.length; i += 1000) conn.send(bytes.subarray(i, i + 1000));
        return true;
      }
    });
    const c = client(fs.port);
    const events: EslEvent[] = [];
    c.on("event", (e) => events.push(e));
    // A throwing listener must not break the link or the other listeners.
    c.on("event", () => {
      throw new Error("listener bug");
    });
    await up(c);
    await sleep(100);
    expect(events.map((e) => e.name)).toEqual(session.map((f) => /Event-Name: (\S+)/.exec(f.bodyText)![1]));
    expect(c.linkState).toBe("up");
  });
});

describe("EslClient reconnect", () => {
  it("reconnects after a drop and announces connected again", async () => {
    const fs = await fakeSwitch();
    const c = client(fs.port);
    let connected = 0;
    c.on("connected", () => connected++);
    await up(c);
    fs.conns[0]!.socket.destroy();
    await once(c, "connected");
    expect(connected).toBe(2);
    expect(c.linkState).toBe("up");
    await expect(c.api("x")).resolves.toContain("Command not found");
  });

  it("backs off exponentially with full jitter: no connection storm against a switch that hangs up", async () => {
    // Accept and slam the door at once, like an overloaded or restarting FreeSWITCH.
    const slam = net.createServer((s) => s.destroy());
    slam.listen(0, "127.0.0.1");
    await once(slam, "listening");
    const port = (slam.address() as net.AddressInfo).port;
    try {
      // random() = 1: the longest delay of each step, 20, 40, 80, 160, 200, 200 … ms.
      const worst = client(port, { reconnectBaseMs: 20, reconnectMaxMs: 200, random: () => 1 });
      // random() = 0.5: half of it.
      const half = client(port, { reconnectBaseMs: 20, reconnectMaxMs: 200, random: () => 0.5 });
      worst.start();
      half.start();
      await sleep(1_000);
      // Without backoff this would be thousands. The delays add up to 1,000 ms after 7 attempts (at most 8
      // connections), 12 at half the delay; a busy machine only makes it fewer.
      expect(worst.connectAttempts).toBeGreaterThanOrEqual(3);
      expect(worst.connectAttempts).toBeLessThanOrEqual(8);
      expect(half.connectAttempts).toBeGreaterThanOrEqual(3);
      expect(half.connectAttempts).toBeLessThanOrEqual(13);
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.close(50)));
      await new Promise<void>((r) => slam.close(() => r()));
    }
  });

  it("resets the backoff after the link has been stable", async () => {
    const fs = await fakeSwitch();
    const c = client(fs.port, { reconnectBaseMs: 100, reconnectMaxMs: 10_000, stableAfterMs: 50, random: () => 1 });
    await up(c);
    // Drops in a row would wait 100, 200, 400 ms; with a stable period between them each retry waits 100 ms.
    for (let i = 0; i < 3; i++) {
      await sleep(80); // > stableAfterMs
      const t0 = Date.now();
      fs.conns.at(-1)!.socket.destroy();
      await once(c, "connected");
      expect(Date.now() - t0).toBeLessThan(350);
    }
  });

  it("HEARTBEAT watchdog: a silent link is declared dead and replaced; heartbeats keep it alive", async () => {
    const heartbeat = fixtureFrames("14-heartbeat-reschedule").find((f) => f.bodyText.startsWith("Event-Name: HEARTBEAT"))!;
    let beat = true;
    const timers: NodeJS.Timeout[] = [];
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd.startsWith("event plain") && beat) {
        conn.send(serializeCommandReply("+OK event listener enabled plain"));
        timers.push(setInterval(() => conn.send(reserializeFrame(heartbeat)), 40));
        return true;
      }
    });
    try {
      const c = client(fs.port, { heartbeatTimeoutMs: 300 });
      const downs: Error[] = [];
      c.on("link", (s, reason) => s === "down" && reason && downs.push(reason));
      await up(c);
      await sleep(400);
      expect(downs).toHaveLength(0); // heartbeats every 40 ms

      beat = false; // the next connection will be silent after subscribing
      for (const t of timers) clearInterval(t);
      await eventually(() => downs.length >= 1);
      expect(downs[0]!.message).toContain("HEARTBEAT watchdog");
      await eventually(() => c.connectAttempts >= 2); // and it dials again
    } finally {
      for (const t of timers) clearInterval(t);
    }
  });
});

describe("EslClient json mode", () => {
  it("subscribes with event json and delivers fixture 16's json events like plain ones", async () => {
    const session = fixtureFrames("16-originate-park-kill-json").filter((f) => f.contentType === "text/event-json");
    const fs = await fakeSwitch((cmd, conn) => {
      if (cmd.startsWith("event json")) {
        conn.send(serializeCommandReply("+OK event listener enabled json"));
        conn.send(Buffer.concat(session.map(reserializeFrame)));
        return true;
      }
    });
    const c = client(fs.port, { eventFormat: "json", events: "ALL" });
    const events: EslEvent[] = [];
    c.on("event", (e) => events.push(e));
    await up(c);
    await sleep(50);
    expect(fs.commands()[1]).toBe("event json ALL");
    expect(events).toHaveLength(session.length);
    const hangup = events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE")!;
    expect(hangup.format).toBe("json");
    expect(hangup.getAll("Hangup-Cause")).toEqual(["NORMAL_CLEARING", "NORMAL_CLEARING"]);
  });
});

describe("EslClient close", () => {
  it("close() while reconnecting (switch down) resolves at once and stops the retries", async () => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1");
    await once(probe, "listening");
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r())); // nothing listens there now: ECONNREFUSED
    const c = client(port, { reconnectBaseMs: 10, reconnectMaxMs: 40, random: () => 1 });
    c.start();
    await sleep(200);
    expect(c.connectAttempts).toBeGreaterThanOrEqual(3); // refused connections are retried…
    expect(c.connectAttempts).toBeLessThanOrEqual(8); // …with backoff
    const t0 = Date.now();
    await c.close();
    expect(Date.now() - t0).toBeLessThan(100);
    const attempts = c.connectAttempts;
    await sleep(150);
    expect(c.connectAttempts).toBe(attempts);
  });

  it("sends exit, waits for FreeSWITCH to hang up, and never reconnects", async () => {
    const fs = await fakeSwitch();
    const c = client(fs.port);
    await up(c);
    await c.close();
    expect(fs.commands().at(-1)).toBe("exit");
    expect(c.linkState).toBe("down");
    await sleep(100);
    expect(c.connectAttempts).toBe(1);
    await expect(c.api("status")).rejects.toBeInstanceOf(EslLinkDownError);
  });
});
