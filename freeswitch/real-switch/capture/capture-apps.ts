// Captures what FreeSWITCH 1.10.12 does for the applications the verb interpreter uses, into
// freeswitch/fixtures/esl/19-… (see that folder's README): DTMF against playback/speak, uuid_break [all],
// send_dtmf, record ended by a key, its limit, silence and hangup, bridge outcomes and its variables, conferences.
// The switch boots from the project's freeswitch/conf; the far ends are mod_loopback legs (loaded at run time: a
// loopback's "-b" leg is parked by the public dialplan, answered with uuid_answer and presses keys with
// uuid_send_dtmf) and the real-switch carrier (SIPp; its numbers behave like the simulator's magic numbers).
//   npx tsx freeswitch/real-switch/capture/capture-apps.ts [scenario…]
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../../scripts/lib/free-port";
import { FreeSwitchProcess, freeSwitchInstalled } from "../harness/freeswitch-process";
import { startCarrier } from "../harness/sipp";
import { RecordedSession, type Replacement } from "./session";
import { SCENARIOS, type ScenarioEnv } from "./scenarios";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const FIXTURES = path.join(ROOT, "freeswitch", "fixtures", "esl");

async function main(): Promise<void> {
  if (!freeSwitchInstalled()) throw new Error("FreeSWITCH is not installed at /opt/fsv (../shared/freeswitch/install.sh)");
  const only = process.argv.slice(2);
  const workDir = path.join(ROOT, ".data", "capture-apps");
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const [eslPort, internalSipPort, externalSipPort, wsPort, wssPort, carrierPort, unreachablePort] =
    [await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const rtpBase = 20_000 + 2_000 * Math.floor(Math.random() * 20);
  const eslPassword = randomBytes(12).toString("hex");
  const recordingsDir = path.join(workDir, "freeswitch", "recordings");
  const fs = new FreeSwitchProcess({
    workDir: path.join(workDir, "freeswitch"), eslPort, eslPassword,
    env: {
      FREESWITCH_SIP_IP: "127.0.0.1", FREESWITCH_EXTERNAL_IP: "127.0.0.1",
      FREESWITCH_INTERNAL_SIP_PORT: String(internalSipPort), FREESWITCH_EXTERNAL_SIP_PORT: String(externalSipPort),
      FREESWITCH_WS_PORT: String(wsPort), FREESWITCH_WSS_PORT: String(wssPort),
      FREESWITCH_RTP_START_PORT: String(rtpBase), FREESWITCH_RTP_END_PORT: String(rtpBase + 999),
      FREESWITCH_RECORDINGS_DIR: recordingsDir, FREESWITCH_CERTS_DIR: path.join(workDir, "freeswitch", "certs"),
      FREESWITCH_LOG_LEVEL: "info", APP_URL: "http://127.0.0.1:9", FREESWITCH_XML_CURL_PASSWORD: "capture",
      FREESWITCH_DEFAULT_CARRIER: "twilio", TWILIO_SIP_TERMINATION_URI: `127.0.0.1:${carrierPort}`,
      TELNYX_SIP_PROXY: `127.0.0.1:${unreachablePort}`,
    },
  });
  await fs.start();
  const carrier = startCarrier({ port: carrierPort, mediaPort: rtpBase + 1_000, workDir: path.join(workDir, "sipp") });
  console.log(`freeswitch pid ${fs.pid}, carrier pid ${carrier.process.pid}`);
  const hostname = os.hostname();
  const replacements: Replacement[] = [];
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.internal) continue;
      const to = a.family === "IPv4" ? "192.0.2.10" : "2001:db8::10";
      replacements.push({ from: a.address, to }, { from: encodeURIComponent(a.address).replaceAll(":", "%3A"), to: to.replaceAll(":", "%3A") });
    }
  }
  replacements.push({ from: path.join(workDir, "freeswitch"), to: "/usr/local/freeswitch" }, { from: path.join(ROOT, "freeswitch", "conf"), to: "/usr/local/freeswitch/conf" });
  try {
    const env: ScenarioEnv = { recordingsDir, uuid: () => randomUUID() };
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      if (only.length && !only.some((o) => name.startsWith(o))) continue;
      console.log(`-- ${name}`);
      const session = new RecordedSession(eslPort, scenario.title);
      await session.login(eslPassword);
      try {
        await scenario.run(session, env);
      } catch (err) {
        session.note(`FAILED: ${(err as Error).message}`);
        console.error(`${name}: ${(err as Error).stack}`);
      }
      await session.api("hupall MANAGER_REQUEST", "clean up");
      await session.pause(1500, "settle");
      await session.exit();
      session.write(path.join(FIXTURES, name), replacements, eslPassword, hostname);
      for (const f of readdirSync(recordingsDir, { recursive: true }) as string[]) {
        const full = path.join(recordingsDir, f);
        if (statSync(full).isFile()) console.log(`   recording ${f}: ${statSync(full).size} bytes`);
      }
    }
  } finally {
    await carrier.stop();
    await fs.stop();
  }
}

void main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
