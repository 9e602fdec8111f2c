// `npm run test:e2e`: Playwright against a production build (`next build` with NEXT_DIST_DIR, default
// .next-e2e) served by `next start` on a free port, backed by a fresh embedded PostgreSQL of its own
// (.data/e2e-postgres, port 25431) with migrations and the demo seed, plus the worker and the switch simulator
// on free ports. Everything stops when the specs end.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { freePort } from "./lib/free-port.ts";
import { log, migrate, NEXT_BIN, seedDemoData, simulatedNumberProvider, telephonySpecs } from "./lib/runtime.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-e2e";
const PG_DIR = path.join(ROOT, ".data/e2e-postgres");
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 25431);

async function waitForHealth(baseUrl: string, app: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`next start exited with ${app.exitCode} before it was ready`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not become healthy within ${timeoutMs} ms`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (!existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
  console.error(`[e2e] no build in ${DIST_DIR}: run \`NEXT_DIST_DIR=${DIST_DIR} npx next build\` first (npm test does)`);
  process.exit(1);
}

rmSync(PG_DIR, { recursive: true, force: true });
for (const dir of [".data/e2e-switch-recordings", ".data/e2e-recordings"]) rmSync(path.join(ROOT, dir), { recursive: true, force: true });
const pg = await startEmbeddedPostgres({ dataDir: PG_DIR, port: PG_PORT });
if (!pg.startedHere) {
  console.error(`[e2e] something else already listens on port ${PG_PORT}: set E2E_PG_PORT to a free port`);
  process.exit(1);
}
let app: ChildProcess | undefined;
const telephony: ChildProcess[] = [];
let exitCode = 1;
// Ctrl+C: Playwright and the app get the signal from the terminal too; PostgreSQL must not be left behind.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    app?.kill("SIGTERM");
    for (const child of telephony) child.kill("SIGTERM");
    void pg.stop().finally(() => process.exit(130));
  });
}
try {
  await ensureDatabase(pg.url("postgres"), "irisx");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  Object.assign(process.env, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: pg.url("irisx"),
    APP_URL: baseUrl,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    WEBHOOK_ALLOW_PRIVATE_HOSTS: "127.0.0.1,localhost",
    // Every spec signs up its own tenant, all from 127.0.0.1: the production budget of 20 an hour per address
    // would refuse the later ones of a full run (more so with --repeat-each).
    SIGN_UPS_PER_IP_PER_HOUR: process.env.SIGN_UPS_PER_IP_PER_HOUR ?? "1000",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Specs sign Resend delivery webhooks with it (e2e/admin/broadcast.spec.ts); mail itself goes to the dev mailbox.
    RESEND_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("base64")}`,
    FREESWITCH_RECORDINGS_DIR: path.join(ROOT, ".data/e2e-switch-recordings"),
    RECORDINGS_DIR: path.join(ROOT, ".data/e2e-recordings"),
  });
  delete process.env.FREESWITCH_ESL_HOST;
  // Speech previews (Settings → Speech) reach a stand-in of OpenAI's audio API that answers with a tone and
  // refuses any key but the platform's: a tenant's own key is seen to be used instead.
  const { startOpenAiStandIn } = await import("../src/test/speech-standins/openai-stand-in.ts");
  const speechStandIn = await startOpenAiStandIn({ apiKey: "sk-e2e-platform-key" });
  Object.assign(process.env, { SPEECH_OPENAI_BASE_URL: speechStandIn.baseUrl, SPEECH_OPENAI_API_KEY: speechStandIn.apiKey });
  // Sending-domain checks and address validation (Settings → Sending domains) ask a local DNS server whose records
  // specs set through its control URL (src/test/dns-stand-in.ts).
  const { startDnsStandIn, startDnsControl } = await import("../src/test/dns-stand-in.ts");
  const dnsStandIn = await startDnsStandIn();
  const dnsControl = await startDnsControl(dnsStandIn);
  Object.assign(process.env, { DNS_SERVERS: dnsStandIn.server, E2E_DNS_CONTROL_URL: dnsControl.url });
  // Messages leave through a stand-in of Telnyx's messaging API (src/test/messaging-provider-stand-ins.ts), which
  // checks each request against Telnyx's documented format (the Twilio variables belong to the numbers stand-in).
  const { startTelnyxMessagingStandIn } = await import("../src/test/messaging-provider-stand-ins.ts");
  const messagingStandIn = await startTelnyxMessagingStandIn({ apiKey: "KEY-e2e-telnyx" });
  Object.assign(process.env, { MESSAGING_PROVIDER: "telnyx", TELNYX_API_KEY: "KEY-e2e-telnyx", TELNYX_API_BASE_URL: messagingStandIn.url, TELNYX_PUBLIC_KEY: messagingStandIn.publicKey });
  // A tenant's own Resend key (Settings → Channels) sends its email to a stand-in of Resend's API: only the base URL is
  // the platform's here, so the platform's own mail (no RESEND_API_KEY) still lands in the dev mailbox. Specs read
  // what it delivered at E2E_RESEND_URL/_stand-in/delivered (e2e/portal/inbox-reports-mentions-email.spec.ts).
  const { startResendStandIn } = await import("../src/test/resend-stand-in.ts");
  const resendStandIn = await startResendStandIn({ apiKey: "re_e2e_tenant_key_0123456789" });
  Object.assign(process.env, { RESEND_BASE_URL: resendStandIn.url, E2E_RESEND_URL: resendStandIn.url, E2E_RESEND_API_KEY: resendStandIn.apiKey });
  // Settings → Channels connects a Telegram bot against a stand-in of the Bot API (src/test/telegram-stand-in.ts) that
  // knows one bot; Telegram itself would also want an HTTPS webhook URL, which e2e's http://127.0.0.1 is not.
  const { startTelegramStandIn } = await import("../src/test/telegram-stand-in.ts");
  const telegramStandIn = await startTelegramStandIn({ requireHttps: false });
  const telegramToken = "7000000777:AAE-e2e-telegram-bot-token-000000WXYZ";
  telegramStandIn.addBot({ id: 7000000777, username: "irisx_e2e_bot", firstName: "IRISX e2e" }, telegramToken);
  Object.assign(process.env, { TELEGRAM_API_BASE_URL: telegramStandIn.url, E2E_TELEGRAM_BOT_TOKEN: telegramToken });
  // Teams bots (Settings → Channels) prove their credentials at a stand-in of Entra's token endpoint that knows one
  // bot, the one e2e/portal/channels.spec.ts connects (src/test/teams-stand-in.ts).
  const { startTeamsStandIn, E2E_TEAMS_BOT } = await import("../src/test/teams-stand-in.ts");
  const teamsStandIn = await startTeamsStandIn([E2E_TEAMS_BOT]);
  Object.assign(process.env, { TEAMS_LOGIN_BASE_URL: teamsStandIn.url, TEAMS_OPENID_METADATA_URL: `${teamsStandIn.url}/v1/.well-known/openidconfiguration` });
  await migrate(pg.url("irisx"));
  await seedDemoData();

  // The simulator and the worker, as `npm run dev` runs them when no FreeSWITCH is configured. Agents' registrations
  // are reconciled at link-up only: the simulator has every line registered, and specs set their agents' own.
  process.env.WORKER_REGISTRATION_RECONCILE_SECONDS ??= "36000";
  const simControlPort = await freePort();
  const telephonyPlan = { kind: "simulator", reason: "e2e" } as const;
  await simulatedNumberProvider(telephonyPlan);
  for (const spec of telephonySpecs(telephonyPlan, { eslPort: await freePort(), controlPort: simControlPort })) {
    telephony.push(spawn(spec.command, spec.args, { cwd: ROOT, env: { ...process.env, ...spec.env }, stdio: "inherit" }));
  }
  app = spawn(process.execPath, [NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"], { cwd: ROOT, env: process.env, stdio: "inherit" });
  await waitForHealth(baseUrl, app, 60_000);
  log(`app ready at ${baseUrl}: running playwright`);
  exitCode = await run(process.execPath, [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)], {
    ...process.env,
    E2E_BASE_URL: baseUrl,
    // Specs ring the workspace's numbers through the simulator's control API (POST /calls).
    E2E_SIM_CONTROL_URL: `http://127.0.0.1:${simControlPort}`,
  });
} catch (e) {
  console.error("[e2e]", e);
  exitCode = 1;
} finally {
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app!.once("exit", r));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (app.exitCode === null) app.kill("SIGKILL");
  }
  await Promise.all(
    telephony.map((child) => {
      if (child.exitCode !== null) return undefined;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      return Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }),
  );
  await pg.stop();
}
process.exit(exitCode);
