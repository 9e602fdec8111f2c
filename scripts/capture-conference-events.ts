// Captures what a real FreeSWITCH (the test build, scripts/install-freeswitch.sh) sends and answers for conferences:
// three carrier legs (SIPp) join one room with the member flags and channel variables the worker uses, then mute,
// unmute, hold, unhold, relate, recording start, moh, a member beyond conference_max_members, kick, and the endconf
// member hanging up. Prints the conference::maintenance events and api replies in order; the output of a run is
// kept in freeswitch/fixtures/conference/maintenance-capture.txt, and the simulator (freeswitch/simulator/conference.ts)
// follows it.   npx tsx scripts/capture-conference-events.ts [work-dir]
import { randomUUID } from "node:crypto";
import path from "node:path";
import { freePort } from "./lib/free-port";
import { FreeSwitchProcess } from "../freeswitch/real-switch/harness/freeswitch-process";
import { startCarrier } from "../freeswitch/real-switch/harness/sipp";
import { EslClient } from "../worker/esl/client";

const work = process.argv[2] ?? "/tmp/irisx-conference-capture";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function main() {
  const [eslPort, intPort, extPort, ws, wss, carrierPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const rtpBase = 42000;
  const carrier = startCarrier({ port: carrierPort, mediaPort: 44000, workDir: path.join(work, "sipp") });
  const fs = new FreeSwitchProcess({
    workDir: path.join(work, "fs"), eslPort, eslPassword: "pw",
    env: { FREESWITCH_SIP_IP: "127.0.0.1", FREESWITCH_EXTERNAL_IP: "127.0.0.1", FREESWITCH_INTERNAL_SIP_PORT: String(intPort), FREESWITCH_EXTERNAL_SIP_PORT: String(extPort),
      FREESWITCH_WS_PORT: String(ws), FREESWITCH_WSS_PORT: String(wss), FREESWITCH_RTP_START_PORT: String(rtpBase), FREESWITCH_RTP_END_PORT: String(rtpBase + 999),
      FREESWITCH_RECORDINGS_DIR: path.join(work, "rec"), FREESWITCH_CERTS_DIR: path.join(work, "fs", "certs"), FREESWITCH_SESSIONS_PER_SECOND: "30", FREESWITCH_LOG_LEVEL: "info",
      APP_URL: "http://127.0.0.1:1", FREESWITCH_XML_CURL_PASSWORD: "x", FREESWITCH_DEFAULT_CARRIER: "twilio", TWILIO_SIP_TERMINATION_URI: `127.0.0.1:${carrierPort}`, TELNYX_SIP_PROXY: "127.0.0.1:1" },
  });
  await fs.start();
  console.log("fs pid", fs.pid);
  const c = new EslClient({ host: "127.0.0.1", port: eslPort, password: "pw", events: ["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP_COMPLETE"], customSubclasses: ["conference::maintenance"], heartbeatTimeoutMs: 0 });
  const t0 = Date.now();
  c.on("event", (e) => {
    if (e.name === "CUSTOM") {
      const keys = ["Action", "Conference-Name", "Conference-Size", "Member-ID", "Member-Type", "Speak", "Hear", "Hold", "Talking", "Unique-ID", "Path", "Error", "File", "Other-Member-ID"];
      console.log(Date.now() - t0, "CUSTOM", keys.map((k) => `${k}=${e.get(k) ?? ""}`).filter((s) => !s.endsWith("=")).join(" "));
    } else console.log(Date.now() - t0, e.name, e.get("Application") ?? "", e.get("Application-Data") ?? "", e.get("Application-Response") ?? "", e.uniqueId);
  });
  c.start();
  await c.waitUntilUp(10000);
  const api = async (cmd: string) => { const r = await c.api(cmd, { timeoutMs: 10000 }); console.log(Date.now() - t0, "API", cmd, "=>", JSON.stringify(r.trim().slice(0, 300))); return r; };
  const room = "tn_capture-room";
  const legs = [randomUUID(), randomUUID(), randomUUID()];
  const flags = ["moderator|endconf", "mute", ""];
  await api(`global_getvar hold_music`);
  for (let i = 0; i < 3; i++) {
    const vars = `{origination_uuid=${legs[i]},conference_enter_sound=tone_stream://%(200\\,0\\,800),conference_exit_sound=tone_stream://%(200\\,0\\,500),conference_flags=wait-mod,conference_max_members=3}`;
    await api(`bgapi originate ${vars}sofia/gateway/twilio/+1500555013${i} &conference(${room}@default+flags{${flags[i]}})`);
    await sleep(2500);
  }
  await api(`conference ${room} list`);
  await api(`conference ${room} mute 3`);
  await sleep(500);
  await api(`conference ${room} unmute 3`);
  await sleep(500);
  await api(`conference ${room} hold 3`);
  await sleep(500);
  await api(`conference ${room} unhold 3`);
  await sleep(500);
  await api(`conference ${room} relate 3 1 nospeak`);
  await api(`conference ${room} relate 3 1 clear`);
  await api(`conference ${room} recording start ${work}/rec/room.wav`);
  await sleep(1500);
  await api(`conference ${room} moh ${work}/none.wav`);
  // a fourth member beyond conference_max_members=3
  const extra = randomUUID();
  await api(`bgapi originate {origination_uuid=${extra}}sofia/gateway/twilio/+15005550120 &conference(${room}@default)`);
  await sleep(2500);
  await api(`conference ${room} kick 3`);
  await sleep(1000);
  await api(`uuid_kill ${legs[0]}`);
  await sleep(3000);
  await api(`conference ${room} list`);
  await api(`show channels count`);
  await c.close(0);
  await fs.stop();
  await carrier.stop();
  process.exit(0);
}
main().catch((e) => { console.error(e); process.exit(1); });
