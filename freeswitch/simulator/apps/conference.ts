// conference <name>[@profile][+flags{moderator|endconf|mute…}] (mod_conference; fixtures 10 and 22): CUSTOM
// conference::maintenance conference-create, add-member (Member-ID counts up from 1, Conference-Size after the join,
// Speak false for a muted member), del-member (Conference-Size after the leave), conference-destroy when the last
// member leaves. The member's app lasts until hangup, uuid_break, or the api's kick/hup (the channel lives on and its
// app completes with `_none_`); when an `endconf` member leaves, the others are hung up (NORMAL_CLEARING).
// The api (conferenceApi): `conference <name> list [count]`, `mute|unmute|kick|hup <member id>`.
// Not produced: floor-change, play-file and talking events.
import { randomUUID } from "node:crypto";
import type { Channel } from "../channel.ts";
import type { OriginName } from "../events.ts";
import type { SimSwitch } from "../switch.ts";
import type { SimApp } from "./context.ts";

interface Member {
  id: number;
  ch: Channel;
  flags: Set<string>;
  muted: boolean;
  /** Takes the member out (kick, hup): its conference app completes. */
  leave: () => void;
}

export interface ConferenceRoom {
  name: string;
  profile: string;
  uuid: string;
  /** Members by channel uuid, in joining order. */
  members: Map<string, Member>;
  nextId: number;
}

function confHeaders(room: ConferenceRoom): string[] {
  return [
    "Conference-Name", room.name, "Conference-Domain", "127.0.0.1", "Conference-Size", String(room.members.size),
    "Conference-Ghosts", "0", "Conference-Profile-Name", room.profile, "Conference-Unique-ID", room.uuid,
  ];
}

function roomEvent(sw: SimSwitch, room: ConferenceRoom, action: string, origin: OriginName): void {
  const ev = sw.newEvent("CUSTOM", origin, "conference::maintenance");
  ev.headers.push(...confHeaders(room), "Action", action);
  sw.fire(ev);
}

function memberEvent(sw: SimSwitch, room: ConferenceRoom, m: Member, action: string, origin: OriginName): void {
  sw.fire(sw.chanEvent(m.ch, "CUSTOM", origin, [...confHeaders(room), "Floor", "false"],
    ["Video", "false", "Hear", "true", "See", "true", "Speak", m.muted ? "false" : "true", "Talking", "false",
      "Mute-Detect", "false", "Hold", "false", "Member-ID", String(m.id), "Member-Type", m.flags.has("moderator") ? "moderator" : "member",
      "Member-Ghost", "false", "Energy-Level", "100", "Current-Energy", "0", "Action", action], "conference::maintenance", false));
}

/** `name@profile+flags{a|b}` → its parts. */
export function parseConferenceArg(arg: string): { name: string; profile: string; flags: Set<string> } {
  const flagsMatch = /\+flags\{([^}]*)\}/.exec(arg);
  const base = arg.replace(/\+flags\{[^}]*\}/, "");
  const [name = "", profile = "default"] = base.split("@");
  return { name: name || "default", profile: profile || "default", flags: new Set(flagsMatch?.[1]?.split("|").filter(Boolean) ?? []) };
}

export const conference: SimApp = async ({ sw, ch, sim, arg, aborted }) => {
  if (ch.direction === "inbound") sw.answerInbound(ch);
  const { name, profile, flags } = parseConferenceArg(arg);
  let room = sw.conferences.get(name);
  if (!room) {
    room = { name, profile, uuid: randomUUID(), members: new Map(), nextId: 1 };
    sw.conferences.set(name, room);
    roomEvent(sw, room, "conference-create", "CONFERENCE_NEW");
  }
  let leave!: () => void;
  const left = new Promise<void>((resolve) => { leave = resolve; });
  const member: Member = { id: room.nextId++, ch, flags, muted: flags.has("mute"), leave };
  room.members.set(ch.uuid, member);
  sim.conference = name;
  memberEvent(sw, room, member, "add-member", "CONFERENCE_ADD");
  await Promise.race([aborted, left]);
  removeMember(sw, room, member);
  sim.conference = undefined;
  return undefined;
};

function removeMember(sw: SimSwitch, room: ConferenceRoom, m: Member): void {
  if (!room.members.delete(m.ch.uuid)) return;
  memberEvent(sw, room, m, "del-member", "CONFERENCE_DEL");
  if (m.flags.has("endconf")) {
    for (const other of [...room.members.values()]) sw.hangup(other.ch, { cause: "NORMAL_CLEARING", disposition: "send_bye" });
  }
  if (room.members.size === 0 && sw.conferences.get(room.name) === room) {
    sw.conferences.delete(room.name);
    roomEvent(sw, room, "conference-destroy", "CONFERENCE_DESTROY");
  }
}

/** `conference <name> list [count] | mute|unmute|kick|hup <member id>` (the api command). */
export function conferenceApi(sw: SimSwitch, args: string[]): string {
  const [name, sub, target] = args;
  const room = name ? sw.conferences.get(name) : undefined;
  if (!room) return `-ERR Conference ${name ?? ""} not found\n`;
  const members = [...room.members.values()];
  if (sub === "list" && target === "count") return String(members.length);
  if (sub === "list") {
    // Newest first, as mod_conference lists them.
    return members.slice().reverse().map((m) => {
      const p = m.ch.profile;
      const flags = ["hear", ...(m.muted ? [] : ["speak"]), ...(m.flags.has("moderator") ? ["moderator"] : [])].join("|");
      return `${m.id};${m.ch.name};${m.ch.uuid};${p?.callerIdName ?? ""};${p?.callerIdNumber ?? ""};${flags};0;0;100\n`;
    }).join("");
  }
  if (sub === "mute" || sub === "unmute" || sub === "kick" || sub === "hup") {
    const m = members.find((x) => String(x.id) === target);
    if (!m) return `-ERR Non-Existant ID ${target ?? ""}\n`;
    if (sub === "mute" || sub === "unmute") {
      m.muted = sub === "mute";
      memberEvent(sw, room, m, `${sub}-member`, sub === "mute" ? "CONFERENCE_MUTE" : "CONFERENCE_UNMUTE");
      return `+OK ${sub} ${m.id}\n`;
    }
    memberEvent(sw, room, m, `${sub}-member`, sub === "kick" ? "CONFERENCE_KICK" : "CONFERENCE_HUP");
    removeMember(sw, room, m);
    m.leave();
    return sub === "kick" ? `+OK kicked ${m.id}\n` : `+OK hup ${m.id}\n`;
  }
  return "+OK\n";
}
