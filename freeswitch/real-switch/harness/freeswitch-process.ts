// A real FreeSWITCH 1.10.12 (the test build installed at /opt/fsv by scripts/install-freeswitch.sh) booted with
// the project's own freeswitch/conf, unchanged, and nothing but environment variables, as a user deploys it.
// Every folder it writes is a scratch folder of this run, so two runs on one machine do not collide.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EslClient } from "../../../worker/esl/client";
import { buildWav } from "../../simulator/wav";

export const FREESWITCH_BIN = "/opt/fsv/bin/freeswitch";
const MODULES_DIR = "/opt/fsv/lib/freeswitch/mod";
const CONF_DIR = path.resolve(import.meta.dirname, "..", "..", "conf");

export interface FreeSwitchOptions {
  /** Scratch root: log, db, run, cache, storage, temp, certs under it. */
  workDir: string;
  /** The environment of freeswitch/conf/vars.xml (FREESWITCH_*, APP_URL, TWILIO_*, TELNYX_*). */
  env: Record<string, string>;
  eslPort: number;
  eslPassword: string;
}

export function freeSwitchInstalled(): boolean {
  return existsSync(FREESWITCH_BIN);
}

export class FreeSwitchProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly opts: FreeSwitchOptions) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get logFile(): string {
    return path.join(this.opts.workDir, "log", "freeswitch.log");
  }

  /** Boots the switch and resolves once its event socket answers and both SIP profiles run. */
  async start(timeoutMs = 90_000): Promise<void> {
    const dirs = ["log", "db", "run", "cache", "storage", "temp", "certs", "recordings"];
    for (const dir of dirs) mkdirSync(path.join(this.opts.workDir, dir), { recursive: true });
    const at = (dir: string) => path.join(this.opts.workDir, dir);
    for (const dir of new Set([at("certs"), this.opts.env.FREESWITCH_CERTS_DIR ?? at("certs")])) seedCertificates(dir);
    const args = ["-nc", "-nf", "-nonat", "-conf", CONF_DIR, "-mod", MODULES_DIR];
    if (process.getuid?.() === 0) args.push("-u", "root", "-g", "root");
    for (const dir of ["log", "db", "run", "cache", "storage", "temp", "certs", "recordings"]) args.push(`-${dir}`, at(dir));
    // The test build has no sounds; the music on hold (local_stream://moh, which freeswitch/Dockerfile installs with
    // `make moh-install`) is a few seconds of tone here, in a sounds folder of this run.
    const music = path.join(this.opts.workDir, "sounds", "music", "8000");
    mkdirSync(music, { recursive: true });
    writeFileSync(path.join(music, "irisx-hold.wav"), buildWav(5, 1, 8000));
    args.push("-sounds", path.join(this.opts.workDir, "sounds"));
    const child = spawn(FREESWITCH_BIN, args, {
      env: { ...process.env, ...this.opts.env, FREESWITCH_ESL_PORT: String(this.opts.eslPort), FREESWITCH_ESL_PASSWORD: this.opts.eslPassword },
      stdio: "ignore",
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    const deadline = Date.now() + timeoutMs;
    let status = "";
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`FreeSWITCH exited during start-up (${child.exitCode ?? child.signalCode}); ${this.logTail()}`);
      }
      status = await this.api("sofia status", 2_000).catch((error: Error) => `(event socket: ${error.message})`);
      if (/external\s+profile.*RUNNING/s.test(status) && /internal\s+profile.*RUNNING/s.test(status)) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`FreeSWITCH did not come up within ${timeoutMs} ms; last \`sofia status\`: ${status.trim()}; ${this.logTail()}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The end of the switch's log, for an error that must say why (a CI run leaves nothing else behind). */
  private logTail(lines = 40): string {
    if (!existsSync(this.logFile)) return `no log at ${this.logFile} (the switch never got as far as its logfile module)`;
    const tail = readFileSync(this.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    return `the last ${lines} lines of ${this.logFile}:\n${tail}`;
  }

  /** One `api` command on a short-lived event-socket connection of its own. */
  async api(command: string, timeoutMs = 10_000): Promise<string> {
    const client = new EslClient({ host: "127.0.0.1", port: this.opts.eslPort, password: this.opts.eslPassword, events: [], heartbeatTimeoutMs: 0, handshakeTimeoutMs: timeoutMs });
    client.start();
    try {
      await client.waitUntilUp(timeoutMs);
      return await client.api(command, { timeoutMs });
    } finally {
      await client.close(0);
    }
  }

  /** kill -9: every call vanishes without an event, as in a crash. */
  async crash(): Promise<void> {
    this.child?.kill("SIGKILL");
    await this.exited;
    this.child = null;
  }

  /** `fsctl shutdown`: the switch hangs up every call itself, then exits. */
  async shutdown(): Promise<void> {
    await this.api("fsctl shutdown").catch(() => undefined);
    await within(this.exited, 20_000);
    if (this.child && this.child.exitCode === null) this.child.kill("SIGKILL");
    await this.exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.kill("SIGTERM");
    await within(this.exited, 10_000);
    if (this.child && this.child.exitCode === null) this.child.kill("SIGKILL");
    await this.exited;
    this.child = null;
  }
}

/** Waits for `promise` at most `ms` (the timer is cleared, so it never keeps the process alive). */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * The switch makes its DTLS and WSS certificates at first start when they are missing: two 4,096-bit RSA keys, seconds
 * of CPU on a small machine and far more on a busy one (a CI run once timed out there). A test run instead brings one
 * self-signed pair made once per machine with openssl (2,048 bits, what browsers accept for DTLS) and copies it in; a
 * deployment still brings its own or lets the switch make them. Without openssl the switch makes them itself.
 */
function seedCertificates(certsDir: string): void {
  const cache = path.join(os.tmpdir(), "irisx-freeswitch-test-certs");
  const pem = path.join(cache, "combined.pem");
  if (!existsSync(pem)) {
    try {
      mkdirSync(cache, { recursive: true });
      const key = path.join(cache, `key-${process.pid}.pem`);
      const cert = path.join(cache, `cert-${process.pid}.pem`);
      execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:4096", "-nodes", "-days", "3650", "-subj", "/CN=irisx-test-switch", "-keyout", key, "-out", cert], { stdio: "ignore" });
      const combined = `${pem}.${process.pid}`;
      writeFileSync(combined, readFileSync(key, "utf8") + readFileSync(cert, "utf8"));
      rmSync(key);
      rmSync(cert);
      renameSync(combined, pem);
    } catch {
      return;
    }
  }
  mkdirSync(certsDir, { recursive: true });
  for (const name of ["dtls-srtp.pem", "wss.pem"]) {
    if (!existsSync(path.join(certsDir, name))) copyFileSync(pem, path.join(certsDir, name));
  }
}
