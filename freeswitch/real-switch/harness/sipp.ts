// Debian's SIPp (sip-tester) as the far ends of real calls: the carrier (a long-running UAS the gateways point
// at), customers calling DIDs (one UAC process per call) and desk phones registering. Scenarios live in
// scenarios/; `{{name}}` placeholders are filled in here, because SIPp reads some attributes (rtp_stream
// files, timeouts) before its own [keyword] substitution runs.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { linearToAlaw } from "../../../src/test/g711";

const SCENARIOS = path.join(import.meta.dirname, "scenarios");
const PCAPS = "/usr/share/sip-tester";

export interface SippRun {
  process: ChildProcess;
  /** Resolves with SIPp's exit code (0: every call of the scenario succeeded). */
  exited: Promise<number>;
  errorFile: string;
  stop(): Promise<void>;
}

function render(name: string, values: Record<string, string>, workDir: string): string {
  let text = readFileSync(path.join(SCENARIOS, `${name}.xml`), "utf8");
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{{${key}}}`, value);
  const leftover = /\{\{(\w+)\}\}/.exec(text);
  if (leftover) throw new Error(`scenario ${name}: no value for {{${leftover[1]}}}`);
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, `${name}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.xml`);
  writeFileSync(file, text);
  return file;
}

function runSipp(args: string[], workDir: string, label: string): SippRun {
  const errorFile = path.join(workDir, `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.err`);
  const child = spawn("sipp", [...args, "-nostdin", "-trace_err", "-error_file", errorFile], { cwd: workDir, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.once("error", (err) => {
      stderr += String(err);
      resolve(127);
    });
  });
  void exited.then((code) => {
    if (code > 1 && code !== 128) console.warn(`[real-switch] sipp ${label} exited ${code}: ${stderr.trim()}`);
  });
  return {
    process: child,
    exited,
    errorFile,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** An A-law tone file for the carrier's rtp_stream: 2 s of 440 Hz, looped for as long as a call talks. */
export function writeToneFile(file: string): string {
  const samples = 16_000;
  const out = Buffer.alloc(samples);
  for (let i = 0; i < samples; i++) out[i] = linearToAlaw(Math.round(Math.sin((2 * Math.PI * 440 * i) / 8000) * 8000));
  writeFileSync(file, out);
  return file;
}

export interface CarrierOptions {
  port: number;
  mediaPort: number;
  workDir: string;
  /** Far ends that say a recorded sample: +15005558NNN says samples[NNN] (A-law file) once, for `durationMs`. */
  samples?: { alaw: string; durationMs: number }[];
}

/** The carrier's branch per labelled sample (scenarios/carrier.xml, label "amd"): its audio, and how long it talks. */
function sampleBranches(samples: { alaw: string; durationMs: number }[]): string {
  // Without samples amd_n is set and never read, which SIPp refuses ("referenced 1 times"): read it once.
  if (samples.length === 0) return ['<nop><action><test assign_to="amd_none" variable="amd_n" compare="equal" value="-1"/></action></nop>', '<nop next="talk" test="amd_none"/>', '<nop next="talk"/>'].join("\n  ");
  return samples
    .map((sample, i) => {
      if (!/^[\w./-]+$/.test(sample.alaw)) throw new Error(`sample path ${sample.alaw}: SIPp needs a plain path`);
      return [
        `<nop><action><test assign_to="amd_${i}" variable="amd_n" compare="equal" value="${i}"/></action></nop>`,
        `<nop next="amd_${i}" test="amd_${i}"/>`,
      ].join("\n  ");
    })
    .concat(["<nop next=\"talk\"/>"])
    .concat(samples.map((sample, i) => `<label id="amd_${i}"/>\n  <nop next="talk"><action><exec rtp_stream="${sample.alaw},1,8"/><assign assign_to="talk_ms" value="${sample.durationMs + 1000}"/></action></nop>`))
    .join("\n  ");
}

/** The carrier: answers the switch's outbound INVITEs as scenarios/carrier.xml describes, until stopped. */
export function startCarrier(opts: CarrierOptions): SippRun {
  mkdirSync(opts.workDir, { recursive: true });
  const audio = writeToneFile(path.join(opts.workDir, "carrier-tone.alaw"));
  const scenario = render("carrier", { audio, amd: sampleBranches(opts.samples ?? []) }, opts.workDir);
  return runSipp(["-sf", scenario, "-i", "127.0.0.1", "-p", String(opts.port), "-mp", String(opts.mediaPort), "-l", "500", "-max_socket", "2000"], opts.workDir, "carrier");
}

export interface CallerOptions {
  /** host:port of the switch's carrier profile. */
  target: string;
  /** The dialled number as the carrier sends it (e.g. +15005550006). */
  did: string;
  /** The caller id. */
  caller: string;
  port: number;
  mediaPort: number;
  workDir: string;
  /** Digits to press after the answer (0-9, *, #). */
  dtmf?: string;
  dtmfAfterMs?: number;
  /** When the caller hangs up if the switch has not. */
  hangupAfterMs?: number;
}

const DTMF_FILES: Record<string, string> = { "*": "star", "#": "pound" };

export interface ReferringCallerOptions extends Omit<CallerOptions, "dtmf" | "dtmfAfterMs" | "hangupAfterMs"> {
  /** The answer to the switch's REFER, e.g. "202 Accepted" or "603 Decline". */
  referReply: string;
  /** When it accepts: the transfer's end its NOTIFY reports, e.g. "200 OK" or "486 Busy Here". */
  notifyStatus: string | null;
}

/**
 * A caller whose device is asked to transfer the call (scenarios/caller-refer.xml): it answers the REFER and, when
 * it accepts, sends the NOTIFY of the transfer's end, then waits for the switch to hang up.
 */
export function placeReferringCall(opts: ReferringCallerOptions): SippRun {
  const notify =
    opts.notifyStatus === null
      ? ""
      : `<send retrans="500"><![CDATA[
NOTIFY [$contact] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "[caller]" <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To:[$switch_side]
Call-ID: [call_id]
CSeq: 2 NOTIFY
Contact: <sip:[caller]@[local_ip]:[local_port];transport=[transport]>
Event: refer
Subscription-State: terminated;reason=noresource
Max-Forwards: 70
Content-Type: message/sipfrag;version=2.0
Content-Length: [len]

SIP/2.0 ${opts.notifyStatus}
]]></send>
  <recv response="200"/>`;
  // Status lines are checked when SIPp loads the scenario: they are written in, not passed as keywords.
  const status = /^\d{3} [A-Za-z ]+$/;
  if (!status.test(opts.referReply) || (opts.notifyStatus !== null && !status.test(opts.notifyStatus))) throw new Error("a status is a code and a reason phrase");
  const scenario = render("caller-refer", { notify, refer_reply: opts.referReply }, opts.workDir);
  const keys = ["-key", "caller", opts.caller];
  return runSipp(
    ["-sf", scenario, "-i", "127.0.0.1", "-p", String(opts.port), "-mp", String(opts.mediaPort), "-m", "1", "-s", opts.did, ...keys, "-timeout", "90s", "-timeout_error", opts.target],
    opts.workDir,
    "caller-refer",
  );
}

/**
 * SIPp replays each digit's pcap with the RTP sequence numbers and timestamps it was captured with, and those rise in
 * this order; a digit sent after one that comes later here looks old to the switch, which drops it. So the digits of
 * one call must follow this order (a repeated digit is dropped too).
 */
const PCAP_ORDER = "0123456789*#";

/** One customer call to a DID through the carrier profile; resolves when the call is over. */
export function placeInboundCall(opts: CallerOptions): SippRun {
  const digits = [...(opts.dtmf ?? "")];
  digits.forEach((d, i) => {
    if (i > 0 && PCAP_ORDER.indexOf(d) <= PCAP_ORDER.indexOf(digits[i - 1]!)) throw new Error(`DTMF ${opts.dtmf}: SIPp's pcaps reach the switch only in the order ${PCAP_ORDER}, each once`);
  });
  const dtmf = digits.length
    ? [
        `<pause milliseconds="${opts.dtmfAfterMs ?? 1500}"/>`,
        ...digits.flatMap((d) => {
          if (!/^[0-9*#]$/.test(d)) throw new Error(`not a DTMF digit: ${d}`);
          return [`<nop><action><exec play_pcap_audio="${PCAPS}/dtmf_2833_${DTMF_FILES[d] ?? d}.pcap"/></action></nop>`, `<pause milliseconds="600"/>`];
        }),
      ].join("\n  ")
    : "";
  const scenario = render("caller", { dtmf, hangup_after_ms: String(opts.hangupAfterMs ?? 30_000) }, opts.workDir);
  return runSipp(
    ["-sf", scenario, "-i", "127.0.0.1", "-p", String(opts.port), "-mp", String(opts.mediaPort), "-m", "1", "-s", opts.did, "-key", "caller", opts.caller, "-timeout", "90s", "-timeout_error", opts.target],
    opts.workDir,
    "caller",
  );
}

export interface RegisterOptions {
  /** host:port of the switch's internal profile. */
  target: string;
  user: string;
  domain: string;
  password: string;
  expect: 200 | 403;
  /** Expires of the REGISTER (0 removes the phone's registrations; default 120). */
  expires?: number;
  port: number;
  workDir: string;
}

/** A desk phone's REGISTER with digest authentication; exit code 0 when the expected final status came. */
export function registerPhone(opts: RegisterOptions): SippRun {
  const scenario = render("register", { expect: String(opts.expect), expires: String(opts.expires ?? 120) }, opts.workDir);
  return runSipp(
    ["-sf", scenario, "-i", "127.0.0.1", "-p", String(opts.port), "-m", "1", "-key", "user", opts.user, "-key", "domain", opts.domain, "-au", opts.user, "-ap", opts.password, "-timeout", "20s", "-timeout_error", opts.target],
    opts.workDir,
    "register",
  );
}
