// The `api` commands the simulator answers, with FreeSWITCH 1.10.12's output formats (fixture 13).
import type { Channel } from "./channel.ts";
import { formatLocal } from "./events.ts";
import type { SimSwitch } from "./switch.ts";
import { startFarEndRecording, startRecording, stopRecording } from "./recording.ts";
import { stopAvmd } from "./apps/avmd.ts";
import { encodeHeaderValue } from "../../worker/esl/wire.ts";

/**
 * Runs one api command and hands its api/response body to `done`. Most commands answer at once; originate answers
 * when the call is answered or fails, synchronously inside that event so BACKGROUND_JOB lands at the right place.
 */
export function runApi(sw: SimSwitch, command: string, arg: string, done: (body: string) => void): void {
  if (command === "originate") {
    sw.originate(arg, (r) => done(r.reply));
    return;
  }
  done(runSimpleApi(sw, command, arg));
}

function runSimpleApi(sw: SimSwitch, command: string, arg: string): string {
  const args = arg ? arg.split(/\s+/) : [];
  const channel = (uuid: string | undefined): Channel | undefined => (uuid ? sw.channels.get(uuid) : undefined);
  const noSuch = "-ERR No such channel!\n";
  switch (command) {
    case "status":
      return sw.statusText();
    case "version":
      return "FreeSWITCH Version 1.10.12-release~64bit ( 64bit)\n";
    case "hostname":
      return sw.identity.hostname;
    case "global_getvar":
      return globalGetvar(sw, args[0]);
    case "show":
      return show(sw, args);
    case "uuid_exists":
      return channel(args[0]) ? "true" : "false";
    case "uuid_kill": {
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      sw.hangup(ch, { cause: args[1] || "NORMAL_CLEARING", disposition: ch.answerState === "answered" || ch.direction === "inbound" ? "send_bye" : "send_cancel" });
      return "+OK\n";
    }
    case "hupall": {
      const cause = args[0] || "MANAGER_REQUEST";
      for (const ch of [...sw.channels.values()]) sw.hangup(ch, { cause, disposition: "send_bye" });
      return "+OK hangup all channels with cause " + cause + "\n";
    }
    case "uuid_answer": {
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      if (ch.direction === "inbound") sw.answerInbound(ch);
      return "+OK\n";
    }
    case "uuid_hold": {
      const ch = channel(args[0] === "off" || args[0] === "toggle" ? args[1] : args[0]);
      return ch ? "+OK Success\n" : noSuch;
    }
    case "uuid_record":
      return uuidRecord(sw, args);
    case "avmd": {
      // mod_avmd's api, `stop` only: its `start` is broken in 1.10.12 (no settings, no detector threads), so the
      // worker starts avmd with the avmd_start application.
      const ch = channel(args[0]);
      if (!ch) return "-ERR, no FreeSWITCH session for uuid [" + (args[0] ?? "") + "]!\n";
      if (args[1] !== "stop") return "-ERR, bad command!\n";
      stopAvmd(sw, ch);
      return "+OK\n [" + ch.uuid + "] [" + ch.name + "] stopped\n\n";
    }
    case "uuid_broadcast": {
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      const file = args[1] ?? "";
      const app = file.startsWith("speak:") ? "speak" : "playback";
      sw.broadcast(ch, app, app === "speak" ? file.slice(6) : file);
      return "+OK Message sent\n";
    }
    case "uuid_break": {
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      sw.breakApp(ch, args[1] === "all");
      return "+OK\n";
    }
    case "uuid_send_dtmf": {
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      if (!args[1]) return "-USAGE: <uuid> <dtmf_data>\n";
      void sw.sendDtmf(ch, args[1]);
      return `+OK ${ch.uuid} sent DTMF ${args[1]}.\n`;
    }
    case "uuid_recv_dtmf": {
      // DTMF as if the channel's far end had sent it (switch_channel_queue_dtmf_string): an eavesdrop reads it.
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      if (!args[1] || !/^[0-9*#A-D]+$/i.test(args[1])) return "-USAGE: <uuid> <dtmf_data>\n";
      sw.pressDigits(ch, args[1]);
      return "+OK\n";
    }
    case "uuid_bridge": {
      const a = channel(args[0]);
      const b = channel(args[1]);
      if (!a || !b) return "-ERR Invalid uuid\n";
      sw.bridge(a, b);
      return `+OK ${b.uuid}\n`;
    }
    case "uuid_transfer": {
      // `uuid_transfer <uuid> [-bleg|-both] <dest> [dialplan] [context]`: the simulator's dialplan is conference-only:
      // an extension is a room of the default profile; the `inline` dialplan's `conference:<room>@<profile>+flags{…}`
      // is that application. A leg bridged to another leaves the bridge (the other goes on; apps/bridge.ts).
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      const dest = args.find((a, i) => i > 0 && !a.startsWith("-")) ?? "";
      const inline = args.slice(1).includes("inline") && dest.startsWith("conference:");
      sw.simOf(ch)?.leaveBridge?.();
      sw.startApp(ch, "conference", inline ? dest.slice("conference:".length) : `${dest}@default`);
      // An inline extension that has run out ends the call, as the switch's does.
      if (inline) sw.startApp(ch, "hangup", "NORMAL_CLEARING");
      return "+OK\n";
    }
    case "uuid_setvar": {
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      if (!args[1]) return "-ERR No variable specified\n";
      ch.setVar(args[1], args.slice(2).join(" ") || undefined);
      return "+OK\n";
    }
    case "uuid_setvar_multi": {
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      for (const pair of args.slice(1).join(" ").split(";")) {
        const eq = pair.indexOf("=");
        if (eq > 0) ch.setVar(pair.slice(0, eq), pair.slice(eq + 1));
      }
      return "+OK\n";
    }
    case "uuid_getvar": {
      const ch = channel(args[0]);
      if (!ch) return noSuch;
      return ch.getVar(args[1] ?? "") ?? "_undef_";
    }
    case "uuid_dump":
      return uuidDump(sw, args);
    case "conference":
      return sw.conferences.api(args);
    case "log":
      return "+OK\n";
    case "sofia_contact": {
      // mod_sofia: the dial string of a user's registration, or error/user_not_registered. The simulator has no
      // registrations: every user is registered from 127.0.0.1:5060 except those named offline….
      const m = /^(?:[^/]+\/)?([^@\s]+)@(\S+)$/.exec(args[0] ?? "");
      if (!m || m[1]!.startsWith("offline")) return "error/user_not_registered";
      return `sofia/internal/sip:${m[1]}@127.0.0.1:5060`;
    }
    case "fsctl":
      if (args[0] === "sps") {
        const n = Number(args[1]);
        if (Number.isInteger(n) && n > 0) sw.sessionRate.perSecond = n;
        return `+OK sessions per second: ${sw.sessionRate.perSecond}\n`;
      }
      return `-ERR fsctl ${args[0] ?? ""} is not simulated\n`;
    default:
      return `-ERR ${command} Command not found!\n`;
  }
}

function globalGetvar(sw: SimSwitch, name: string | undefined): string {
  const vars = sw.globalVariables();
  if (name) return vars[name] ?? "";
  return Object.entries(vars).map(([k, v]) => `${k}=${v}`).join("\n") + "\n";
}

const CHANNEL_COLUMNS = [
  "uuid", "direction", "created", "created_epoch", "name", "state", "cid_name", "cid_num", "ip_addr", "dest",
  "application", "application_data", "dialplan", "context", "read_codec", "read_rate", "read_bit_rate", "write_codec",
  "write_rate", "write_bit_rate", "secure", "hostname", "presence_id", "presence_data", "accountcode", "callstate",
  "callee_name", "callee_num", "callee_direction", "call_uuid", "sent_callee_name", "sent_callee_num",
  "initial_cid_name", "initial_cid_num", "initial_ip_addr", "initial_dest", "initial_dialplan", "initial_context",
] as const;

const CALL_COLUMNS = [
  "uuid", "direction", "created", "created_epoch", "name", "state", "cid_name", "cid_num", "ip_addr", "dest",
  "presence_id", "presence_data", "accountcode", "callstate", "callee_name", "callee_num", "callee_direction",
  "call_uuid", "hostname", "sent_callee_name", "sent_callee_num", "b_uuid", "b_direction", "b_created",
  "b_created_epoch", "b_name", "b_state", "b_cid_name", "b_cid_num", "b_ip_addr", "b_dest", "b_presence_id",
  "b_presence_data", "b_accountcode", "b_callstate", "b_callee_name", "b_callee_num", "b_callee_direction",
  "b_sent_callee_name", "b_sent_callee_num", "call_created_epoch",
] as const;

function channelRow(sw: SimSwitch, ch: Channel): Record<string, string> {
  const p = ch.profile;
  const created = new Date(ch.times.created / 1000);
  const media = ch.mediaUp;
  const flipped = ch.getVar("channel_cid_flipped") === "yes";
  return {
    uuid: ch.uuid, direction: ch.direction, created: formatLocal(created),
    created_epoch: String(Math.floor(ch.times.created / 1e6)), name: ch.name, state: ch.state,
    cid_name: p?.callerIdName ?? "", cid_num: p?.callerIdNumber ?? "", ip_addr: ch.direction === "inbound" ? "127.0.0.1" : "",
    dest: p?.destinationNumber ?? "", application: ch.application, application_data: ch.applicationData,
    dialplan: p?.dialplan ?? "", context: p?.context ?? "", read_codec: media ? "PCMU" : "", read_rate: media ? "8000" : "",
    read_bit_rate: media ? "64000" : "", write_codec: media ? "PCMU" : "", write_rate: media ? "8000" : "",
    write_bit_rate: media ? "64000" : "", secure: "", hostname: sw.identity.hostname, presence_id: "", presence_data: "",
    accountcode: "", callstate: ch.callState, callee_name: flipped ? "" : p?.calleeIdName ?? "",
    callee_num: p?.calleeIdNumber ?? "", callee_direction: flipped ? "RECV" : "", call_uuid: ch.uuid,
    sent_callee_name: "", sent_callee_num: "", initial_cid_name: p?.origCallerIdName ?? "",
    initial_cid_num: p?.origCallerIdNumber ?? "", initial_ip_addr: "", initial_dest: p?.destinationNumber ?? "",
    initial_dialplan: p?.dialplan ?? "", initial_context: p?.context ?? "",
  };
}

/** `show channels|calls [as json]`: CSV with a `N total.` footer, or `{"row_count":N,"rows":[…]}`. */
function show(sw: SimSwitch, args: string[]): string {
  const what = args[0];
  if (what !== "channels" && what !== "calls") return "-USAGE: show channels|calls [as json]\n";
  const json = args[1] === "as" && args[2] === "json";
  const columns = what === "channels" ? CHANNEL_COLUMNS : CALL_COLUMNS;
  const rows = [...sw.channels.values()].map((ch) => {
    const base = channelRow(sw, ch);
    const b = ch.otherLeg?.channel;
    const bRow = b ? channelRow(sw, b) : undefined;
    const row: Record<string, string> = {};
    for (const c of columns) {
      if (c.startsWith("b_") && c !== "b_uuid") row[c] = bRow?.[c.slice(2)] ?? "";
      else if (c === "b_uuid") row[c] = b?.uuid ?? "";
      else if (c === "call_created_epoch") row[c] = b ? base.created_epoch! : "";
      else row[c] = base[c] ?? "";
    }
    return row;
  });
  if (json) {
    return rows.length === 0 ? '{"row_count": 0}\n' : JSON.stringify({ row_count: rows.length, rows });
  }
  const lines = [columns.join(","), ...rows.map((r) => columns.map((c) => r[c]).join(","))];
  return lines.join("\n") + `\n\n${rows.length} total.\n`;
}

function uuidRecord(sw: SimSwitch, args: string[]): string {
  const [uuid, action, file] = args;
  const ch = uuid ? sw.channels.get(uuid) : undefined;
  if (!ch) return "-ERR Cannot locate session!\n";
  if (action === "start") {
    if (!file) return "-USAGE: <uuid> [start|stop|mask|unmask] <path> [<limit>] [<recording_vars>]\n";
    // <recording_vars> ({name=value,...}) are read like the channel's variables; RECORD_READ_ONLY records the far end only.
    const vars = /^\{(.*)\}$/.exec(args[4] ?? "")?.[1]?.split(",") ?? [];
    if (vars.includes("RECORD_READ_ONLY=true")) return startFarEndRecording(sw, ch, file) ? "+OK Success\n" : "-ERR Cannot record session!\n";
    const stereo = vars.find((v) => v.startsWith("RECORD_STEREO="));
    startRecording(sw, ch, file, stereo === undefined ? undefined : stereo === "RECORD_STEREO=true");
    return "+OK Success\n";
  }
  if (action === "stop") {
    const sim = sw.simOf(ch);
    if (!sim?.recording && !sim?.farEndRecording) return "-ERR Cannot stop record session!\n";
    // Its RECORD_STOP is held with the other events of this api call and written after the response (fixture 08).
    stopRecording(sw, ch, file, "success-maxtime");
    return "+OK Success\n";
  }
  return "-USAGE: <uuid> [start|stop|mask|unmask] <path> [<limit>] [<recording_vars>]\n";
}

/** `uuid_dump <uuid> [json]`: the CHANNEL_DATA event, plain (Name: value lines) or json. */
function uuidDump(sw: SimSwitch, args: string[]): string {
  const ch = args[0] ? sw.channels.get(args[0]) : undefined;
  if (!ch) return "-ERR No such channel!\n";
  const ev = sw.newEvent("CHANNEL_DATA", "API");
  ch.pushBasicData(ev.headers);
  ch.pushVariables(ev.headers);
  if (args[1] === "json") {
    const obj: string[] = [];
    for (let i = 0; i < ev.headers.length; i += 2) obj.push(JSON.stringify(ev.headers[i]) + ":" + JSON.stringify(ev.headers[i + 1]));
    return "{" + obj.join(",") + "}";
  }
  let out = "";
  for (let i = 0; i < ev.headers.length; i += 2) out += `${ev.headers[i]}: ${encodeHeaderValue(ev.headers[i + 1]!)}\n`;
  return out;
}
