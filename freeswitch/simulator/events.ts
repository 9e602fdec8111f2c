// Building FreeSWITCH events: the common prefix every event starts with, and where each event says it came from
// (Event-Calling-File/Function/Line-Number, as FreeSWITCH 1.10.12 reports them in the fixture corpus).
import type { Channel } from "./channel.ts";
import { serializeEventJson, serializeEventPlain } from "../../worker/esl/wire.ts";

export interface SimEvent {
  name: string;
  subclass?: string;
  sequence: number;
  /** Flat [name, value, …] list, values NOT encoded. */
  headers: string[];
  body?: string;
  /** Serialized frames, built once and shared by every connection that receives the event. */
  plain?: Buffer;
  json?: Buffer;
  /** The channel the event is about (for `filter Unique-ID …` and myevents-like routing). */
  uuid?: string;
}

export function framePlain(ev: SimEvent): Buffer {
  return (ev.plain ??= serializeEventPlain(ev.headers, ev.body));
}

export function frameJson(ev: SimEvent): Buffer {
  return (ev.json ??= serializeEventJson(ev.headers, ev.body));
}

export function headerValue(ev: SimEvent, name: string): string | undefined {
  for (let i = 0; i < ev.headers.length; i += 2) if (ev.headers[i] === name) return ev.headers[i + 1];
  return undefined;
}

type Origin = readonly [file: string, func: string, line: number];

/** Event origin by name (and, for a few, by variant). */
export const ORIGIN = {
  CHANNEL_OUTGOING: ["switch_core_session.c", "switch_core_session_outgoing_channel", 768],
  CHANNEL_STATE: ["switch_channel.c", "switch_channel_perform_set_running_state", 2408],
  CHANNEL_CREATE: ["switch_core_state_machine.c", "switch_core_session_run", 626],
  CHANNEL_ORIGINATE: ["switch_core_state_machine.c", "switch_core_session_run", 632],
  CHANNEL_PROGRESS: ["switch_channel.c", "switch_channel_perform_mark_ring_ready_value", 3505],
  CHANNEL_PROGRESS_MEDIA: ["switch_channel.c", "switch_channel_perform_mark_pre_answered", 3560],
  CHANNEL_CALLSTATE: ["switch_channel.c", "switch_channel_perform_set_callstate", 301],
  CODEC_READ: ["switch_core_codec.c", "switch_core_session_set_real_read_codec", 168],
  CODEC_WRITE: ["switch_core_codec.c", "switch_core_session_set_write_codec", 450],
  CHANNEL_ANSWER: ["switch_channel.c", "switch_channel_perform_mark_answered", 3846],
  CALL_UPDATE: ["switch_channel.c", "switch_channel_flip_cid", 3277],
  CALL_UPDATE_SEND: ["mod_sofia.c", "sofia_receive_message", 2100],
  API: ["switch_loadable_module.c", "switch_api_execute", 2954],
  BACKGROUND_JOB: ["mod_event_socket.c", "api_exec", 1572],
  CHANNEL_EXECUTE: ["switch_core_session.c", "switch_core_session_exec", 2944],
  CHANNEL_EXECUTE_COMPLETE: ["switch_core_session.c", "switch_core_session_exec", 2967],
  CHANNEL_PARK: ["switch_ivr.c", "switch_ivr_park", 1002],
  CHANNEL_UNPARK: ["switch_ivr.c", "switch_ivr_park", 1213],
  CHANNEL_HANGUP: ["switch_channel.c", "switch_channel_perform_hangup", 3445],
  CHANNEL_HANGUP_COMPLETE: ["switch_core_state_machine.c", "switch_core_session_reporting_state", 943],
  CHANNEL_DESTROY: ["switch_core_session.c", "switch_core_session_perform_destroy", 1584],
  HEARTBEAT: ["switch_core.c", "send_heartbeat", 95],
  RE_SCHEDULE: ["switch_scheduler.c", "switch_scheduler_execute", 73],
  PLAYBACK_START: ["switch_ivr_play_say.c", "switch_ivr_play_file", 1646],
  PLAYBACK_STOP: ["switch_ivr_play_say.c", "switch_ivr_play_file", 2020],
  DTMF: ["switch_channel.c", "switch_channel_dequeue_dtmf", 677],
  PRIVATE_COMMAND: ["switch_ivr.c", "switch_ivr_parse_next_event", 804],
  BROADCAST: ["switch_ivr_async.c", "switch_ivr_broadcast", 5731],
  RECORD_START: ["switch_ivr_async.c", "record_callback", 1481],
  RECORD_STOP: ["switch_ivr_async.c", "send_record_stop_event", 1240],
  MEDIA_BUG_START: ["switch_core_media_bug.c", "switch_core_media_bug_add", 1014],
  MEDIA_BUG_STOP: ["switch_core_media_bug.c", "switch_core_media_bug_destroy", 84],
  CHANNEL_BRIDGE: ["switch_ivr_bridge.c", "switch_ivr_multi_threaded_bridge", 1689],
  CHANNEL_UNBRIDGE: ["switch_ivr_bridge.c", "switch_ivr_multi_threaded_bridge", 1879],
  UUID_BRIDGE_EXECUTE: ["switch_ivr_bridge.c", "uuid_bridge_on_soft_execute", 1236],
  CONFERENCE_ADD: ["conference_member.c", "conference_member_add", 962],
  CONFERENCE_DEL: ["conference_member.c", "conference_member_del", 1355],
  CONFERENCE_NEW: ["mod_conference.c", "conference_new", 3848],
  CONFERENCE_DESTROY: ["mod_conference.c", "conference_thread_run", 863],
  CONFERENCE_MUTE: ["conference_api.c", "conference_api_sub_mute", 339],
  CONFERENCE_UNMUTE: ["conference_api.c", "conference_api_sub_unmute", 492],
  CONFERENCE_KICK: ["conference_api.c", "conference_api_sub_kick", 902],
  CONFERENCE_HUP: ["conference_api.c", "conference_api_sub_hup", 871],
  AVMD: ["mod_avmd.c", "avmd_fire_event", 700],
  LOG: ["mod_commands.c", "log_function", 7200],
} as const satisfies Record<string, Origin>;

export type OriginName = keyof typeof ORIGIN;

/** Identity of the simulated switch, repeated in every event. */
export interface SwitchIdentity {
  coreUuid: string;
  hostname: string;
  ipv4: string;
  ipv6: string;
}

const pad = (n: number) => (n < 10 ? "0" + n : String(n));

/** Event-Date-Local / Event-Date-GMT change once a second: cache them per second. */
export class DateCache {
  private second = -1;
  private local = "";
  private gmt = "";

  get(us: number): [local: string, gmt: string] {
    const s = Math.floor(us / 1_000_000);
    if (s !== this.second) {
      this.second = s;
      const d = new Date(s * 1000);
      this.local = formatLocal(d);
      this.gmt = d.toUTCString();
    }
    return [this.local, this.gmt];
  }
}

/** `2026-11-25 08:18:27` in local time, as FreeSWITCH prints Event-Date-Local and the *_stamp variables. */
export function formatLocal(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Pushes the common prefix (Event-Subclass first for CUSTOM events). */
export function pushPrefix(
  h: string[], id: SwitchIdentity, dates: DateCache, name: string, origin: Origin, sequence: number, nowUs: number,
  subclass?: string,
): void {
  const [local, gmt] = dates.get(nowUs);
  if (subclass) h.push("Event-Subclass", subclass);
  h.push(
    "Event-Name", name,
    "Core-UUID", id.coreUuid,
    "FreeSWITCH-Hostname", id.hostname,
    "FreeSWITCH-Switchname", id.hostname,
    "FreeSWITCH-IPv4", id.ipv4,
    "FreeSWITCH-IPv6", id.ipv6,
    "Event-Date-Local", local,
    "Event-Date-GMT", gmt,
    "Event-Date-Timestamp", String(nowUs),
    "Event-Calling-File", origin[0],
    "Event-Calling-Function", origin[1],
    "Event-Calling-Line-Number", String(origin[2]),
    "Event-Sequence", String(sequence),
  );
}

/** Channel events that carry `variable_*` headers (switch_channel_event_set_extended_data's list). */
export const WITH_VARIABLES = new Set([
  "CHANNEL_CREATE", "CHANNEL_ORIGINATE", "CHANNEL_ANSWER", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CALL_UPDATE",
  "CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_PARK", "CHANNEL_UNPARK", "CHANNEL_HANGUP",
  "CHANNEL_HANGUP_COMPLETE", "CHANNEL_DESTROY", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "PLAYBACK_START", "PLAYBACK_STOP",
  "RECORD_START", "RECORD_STOP", "MEDIA_BUG_START", "MEDIA_BUG_STOP",
]);

export type ChannelEventBuilder = (ch: Channel) => void;
