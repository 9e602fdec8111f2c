// The whole product on a real switch, for the real-switch suite: a PostgreSQL of its own, FreeSWITCH booted
// from freeswitch/conf with environment variables only, the app (`next start` of the test build) and the worker
// as separate processes, SIPp as the carrier, and a TCP proxy on the worker's event-socket link. A small HTTP
// control API (control.ts) lets the test files crash and restart parts while this process owns them.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../../../scripts/lib/embedded-postgres";
import { freePort, freeTcpUdpPort } from "../../../scripts/lib/free-port";
import { applyMigrations } from "../../../src/server/migrations/apply-migrations";
import { FreeSwitchProcess } from "./freeswitch-process";
import { appProcess, workerProcess, type NodeProcess } from "./node-process";
import { startCarrier, type SippRun } from "./sipp";
import { labelledAmdSet } from "../../../src/test/amd/labelled-set";
import { startDeepgramStandIn } from "../../../src/test/speech-standins/deepgram-stand-in";
import { TcpProxy } from "./tcp-proxy";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

/** What the test files get (vitest `provide`): addresses and secrets, never process handles. */
export interface StackInfo {
  appUrl: string;
  databaseUrl: string;
  controlUrl: string;
  workDir: string;
  eslPort: number;
  eslPassword: string;
  externalSipPort: number;
  internalSipPort: number;
  /** The internal profile's SIP over WebSocket (browsers' softphones). */
  wsPort: number;
  sipDomain: string;
  switchId: string;
  switchRecordingsDir: string;
  /** FREESWITCH_MEDIA_DIR: where the worker writes the audio the switch plays. */
  mediaDir: string;
  recordingsDir: string;
  secrets: { NEXTAUTH_SECRET: string; APP_ENCRYPTION_KEY: string };
  /** The switch's sessions-per-second limit (FREESWITCH_SESSIONS_PER_SECOND). */
  sessionsPerSecond: number;
  /** The carrier's RTP ports start here; test files' own SIPp processes take media ports from sippMediaPorts. */
  carrierMediaPort: number;
  sippMediaPorts: [number, number];
}

export class Stack {
  info!: StackInfo;
  pg!: EmbeddedPostgresHandle;
  freeswitch!: FreeSwitchProcess;
  app!: NodeProcess;
  worker!: NodeProcess;
  carrier!: SippRun;
  deepgram!: Awaited<ReturnType<typeof startDeepgramStandIn>>;
  eslProxy!: TcpProxy;
  private carrierPort = 0;

  async start(opts: { distDir: string }): Promise<void> {
    const workDir = path.join(ROOT, ".data", "real-switch");
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    const port = () => freePort();
    // SIP listens on UDP and TCP alike (the switch's profiles, SIPp's carrier): both must be free.
    const sipPort = () => freeTcpUdpPort();
    const [pgPort, appPort, eslPort, proxyPort, internalSipPort, externalSipPort] = [await port(), await port(), await port(), await port(), await sipPort(), await sipPort()];
    const [wsPort, wssPort, carrierPort, unreachablePort, healthPort] = [await port(), await port(), await sipPort(), await sipPort(), await port()];
    this.carrierPort = carrierPort;
    // RTP: the switch's range and SIPp's media ports in a random block of 2,000 ports, apart from each other.
    const rtpBase = 20_000 + 2_000 * Math.floor(Math.random() * 20);
    const secrets = { NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), APP_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
    const eslPassword = randomBytes(12).toString("hex");
    const xmlCurlPassword = randomBytes(12).toString("hex");
    const sipDomain = "sip.realswitch.test";
    const switchId = "fs-real";
    const switchRecordingsDir = path.join(workDir, "freeswitch", "recordings");
    const mediaDir = path.join(workDir, "freeswitch", "media");
    const recordingsDir = path.join(workDir, "recordings");
    const sessionsPerSecond = 10;

    this.pgOptions = { dataDir: path.join(workDir, "postgres"), port: pgPort };
    this.pg = await startEmbeddedPostgres(this.pgOptions);
    await ensureDatabase(this.pg.url("postgres"), "irisx");
    const databaseUrl = this.pg.url("irisx");
    await applyMigrations(databaseUrl);

    const appUrl = `http://127.0.0.1:${appPort}`;
    const common = {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      ...secrets,
      APP_URL: appUrl,
      NEXTAUTH_URL: appUrl,
      LOG_LEVEL: process.env.REAL_SWITCH_LOG_LEVEL ?? "debug",
      SIP_DOMAIN: sipDomain,
      FREESWITCH_XML_CURL_PASSWORD: xmlCurlPassword,
      // The tenants' voice URLs and callbacks in these tests are local servers.
      WEBHOOK_ALLOW_PRIVATE_HOSTS: "127.0.0.1,localhost",
      FREESWITCH_RECORDINGS_DIR: switchRecordingsDir,
      FREESWITCH_MEDIA_DIR: mediaDir,
      RECORDINGS_DIR: recordingsDir,
      // The caller ID of verification calls (the SIPp carrier answers any caller).
      CALLER_ID_VERIFICATION_FROM: "+18005550199",
      // The desktop's softphone reaches this switch's WebSocket (a free port, not the default 5066).
      SOFTPHONE_WS_URL: `ws://127.0.0.1:${wsPort}`,
    };
    this.app = appProcess({ port: appPort, env: { ...common, NEXT_DIST_DIR: opts.distDir }, logFile: path.join(workDir, "app.log") });

    this.freeswitch = new FreeSwitchProcess({
      workDir: path.join(workDir, "freeswitch"),
      eslPort,
      eslPassword,
      env: {
        FREESWITCH_SIP_IP: "127.0.0.1",
        FREESWITCH_EXTERNAL_IP: "127.0.0.1",
        FREESWITCH_INTERNAL_SIP_PORT: String(internalSipPort),
        FREESWITCH_EXTERNAL_SIP_PORT: String(externalSipPort),
        FREESWITCH_WS_PORT: String(wsPort),
        FREESWITCH_WSS_PORT: String(wssPort),
        FREESWITCH_RTP_START_PORT: String(rtpBase),
        FREESWITCH_RTP_END_PORT: String(rtpBase + 999),
        FREESWITCH_RECORDINGS_DIR: switchRecordingsDir,
        FREESWITCH_CERTS_DIR: path.join(workDir, "freeswitch", "certs"),
        FREESWITCH_SESSIONS_PER_SECOND: String(sessionsPerSecond),
        FREESWITCH_LOG_LEVEL: "info",
        APP_URL: appUrl,
        FREESWITCH_XML_CURL_PASSWORD: xmlCurlPassword,
        // The default carrier (twilio) is SIPp; telnyx points at a port nothing listens on.
        FREESWITCH_DEFAULT_CARRIER: "twilio",
        TWILIO_SIP_TERMINATION_URI: `127.0.0.1:${carrierPort}`,
        TELNYX_SIP_PROXY: `127.0.0.1:${unreachablePort}`,
      },
    });

    this.eslProxy = new TcpProxy(eslPort);
    await this.eslProxy.listen(proxyPort);
    // Speech recognition: Deepgram's documented API, answered by its stand-in (a request off the format gets a 400,
    // which reaches the tests as a failed recognition).
    this.deepgram = await startDeepgramStandIn({ transcript: "talk to sales" });
    this.worker = workerProcess({
      healthPort,
      logFile: path.join(workDir, "worker.log"),
      env: {
        ...common,
        SWITCH_ID: switchId,
        FREESWITCH_ESL_HOST: "127.0.0.1",
        FREESWITCH_ESL_PORT: String(proxyPort),
        FREESWITCH_ESL_PASSWORD: eslPassword,
        DEFAULT_CARRIER_GATEWAY: "default",
        WORKER_DRAIN_SECONDS: "10",
        // Agents' registrations are reconciled when the link comes up (the test of it cuts the link), not on a timer
        // mid-file: most files' agents are registered by fixture, without a phone on the switch.
        WORKER_REGISTRATION_RECONCILE_SECONDS: "36000",
        // The shortest lease allowed (two heartbeats): a worker restarted after kill -9 takes over within 10 s.
        WORKER_LEASE_SECONDS: "10",
        SPEECH_DEEPGRAM_API_KEY: this.deepgram.apiKey,
        SPEECH_DEEPGRAM_BASE_URL: this.deepgram.baseUrl,
      },
    });

    this.info = {
      appUrl,
      databaseUrl,
      controlUrl: "",
      workDir,
      eslPort,
      eslPassword,
      externalSipPort,
      internalSipPort,
      wsPort,
      sipDomain,
      switchId,
      switchRecordingsDir,
      mediaDir,
      recordingsDir,
      secrets,
      sessionsPerSecond,
      carrierMediaPort: rtpBase + 1_000,
      sippMediaPorts: [rtpBase + 1_500, rtpBase + 1_999],
    };

    await Promise.all([this.app.start(), this.freeswitch.start()]);
    this.startCarrier();
    await this.worker.start();
  }

  /**
   * A second worker process for the same switch id, as docker-compose's app service once started on the simulator:
   * resolves with its exit code and the tail of its output once it exits (or null after `timeoutMs`, when it is killed).
   */
  private pgOptions!: { dataDir: string; port: number };

  /** A database outage: PostgreSQL stopped (fast shutdown, open connections terminated) under the app and worker. */
  async stopDatabase(): Promise<void> {
    await this.pg.stop();
  }

  async startDatabase(): Promise<void> {
    this.pg = await startEmbeddedPostgres(this.pgOptions);
  }

  private lastSippMediaPort = 0;

  /** The next RTP port of the block for test SIPps (sippMediaPorts), 10 apart, wrapping round. */
  nextSippMediaPort(): number {
    const [first, last] = this.info.sippMediaPorts;
    this.lastSippMediaPort = this.lastSippMediaPort === 0 || this.lastSippMediaPort + 10 > last - 10 ? first : this.lastSippMediaPort + 10;
    return this.lastSippMediaPort;
  }

  async runTwinWorker(timeoutMs: number): Promise<{ exitCode: number | null; output: string }> {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, this.worker.opts.args, {
      cwd: ROOT,
      env: { ...process.env, ...this.worker.opts.env, WORKER_HEALTH_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(null);
      }, timeoutMs);
      child.once("exit", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    return { exitCode, output: output.slice(-4000) };
  }

  startCarrier(): void {
    // +15005558NNN: the answering-machine labelled set's samples (amd.test.ts dials them by their index).
    const samples = labelledAmdSet().map((s) => ({ alaw: s.alaw, durationMs: s.durationMs }));
    this.carrier = startCarrier({ port: this.carrierPort, mediaPort: this.info.carrierMediaPort, workDir: path.join(this.info.workDir, "sipp"), samples });
  }

  async stop(): Promise<void> {
    await this.worker?.stop().catch(() => undefined);
    await Promise.all([this.app?.stop(), this.freeswitch?.stop(), this.carrier?.stop(), this.eslProxy?.close(), this.deepgram?.close()].map((p) => p?.catch(() => undefined)));
    await this.pg?.stop();
  }
}
