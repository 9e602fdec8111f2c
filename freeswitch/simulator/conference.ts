// mod_conference as the simulator plays it: rooms, members and their flags, the `conference <room> …` api, and the
// CUSTOM conference::maintenance events, in the order and with the headers a real FreeSWITCH 1.10.12 sent
// (scripts/capture-conference-events.ts; freeswitch/fixtures/conference/maintenance-capture.txt):
//   join: conference-create (first member), add-member (Speak=false with the `mute` flag, Member-Type moderator)
//   mute/unmute/hold/unhold <id> → mute-member/unmute-member/hold-member/unhold-member (+OK mute 3 …)
//   kick <id|all> → kick-member then del-member; the member's conference application returns
//   a member with `endconf` leaving → the others leave, and are hung up unless their channel has
//   hangup_after_conference=false (conference_thread_run); the last leaving → stop-recording, conference-destroy
//   conference_max_members (the creator's) → a member beyond it is refused (the application returns at once)
//   recording start <file> → start-recording (takes a member id, as the recorder is a member on the switch); the
//   file is written when the room ends, before stop-recording
//   relate <id> (no action) lists a member's relations as `2 -> 1 NOSPEAK HEAR NOSENDVIDEO`
import { randomUUID } from "node:crypto";
import type { Channel } from "./channel";
import type { OriginName, SimEvent } from "./events";
import { writeRecording } from "./wav";

export interface ConferenceHost {
  newEvent(name: string, origin: OriginName, subclass?: string): SimEvent;
  fire(ev: SimEvent): void;
  /** A channel's CUSTOM event (prefix, `pre`, the channel's basic data, `post`). */
  memberEvent(ch: Channel, pre: string[], post: string[]): SimEvent;
  /** Hangs a member's channel up (NORMAL_CLEARING, sending BYE). */
  hangup(ch: Channel): void;
  /** The simulated clock, in microseconds. */
  nowUs(): number;
}

interface Member {
  id: number;
  ch: Channel;
  moderator: boolean;
  endconf: boolean;
  speak: boolean;
  hold: boolean;
  /** How the api took the member out (its event comes before del-member), or null. */
  kicked: "kick" | "hup" | null;
  leave: () => void;
}

interface Room {
  name: string;
  uuid: string;
  profile: string;
  members: Map<number, Member>;
  nextId: number;
  maxMembers: number;
  recording: { path: string; startUs: number } | null;
  moh: string | null;
  relations: Set<string>;
}

const SUBCLASS = "conference::maintenance";

export class ConferenceRooms {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly host: ConferenceHost) {}

  private roomHeaders(r: Room): string[] {
    return ["Conference-Name", r.name, "Conference-Domain", "127.0.0.1", "Conference-Size", String(r.members.size), "Conference-Ghosts", "0", "Conference-Profile-Name", r.profile, "Conference-Unique-ID", r.uuid];
  }

  private roomEvent(r: Room, action: string, extra: string[] = []): void {
    const ev = this.host.newEvent("CUSTOM", action === "conference-destroy" ? "CONFERENCE_DESTROY" : "CONFERENCE_NEW", SUBCLASS);
    ev.headers.push(...this.roomHeaders(r), "Action", action, ...extra);
    this.host.fire(ev);
  }

  private memberEvent(r: Room, m: Member, action: string): void {
    this.host.fire(
      this.host.memberEvent(m.ch, [...this.roomHeaders(r), "Floor", "false"], [
        "Video", "false", "Hear", "true", "See", "true", "Speak", String(m.speak), "Talking", "false", "Mute-Detect", "false",
        "Hold", String(m.hold), "Member-ID", String(m.id), "Member-Type", m.moderator ? "moderator" : "member", "Member-Ghost", "false",
        "Energy-Level", "100", "Current-Energy", "0", "Action", action,
      ]),
    );
  }

  /** The `conference` application: `<room>[@profile][+flags{a|b}]`; resolves when the member leaves (or is refused). */
  async join(ch: Channel, arg: string, aborted: Promise<void>): Promise<void> {
    const flagsAt = arg.indexOf("+flags{");
    const flags = new Set(flagsAt >= 0 ? arg.slice(flagsAt + 7, arg.indexOf("}", flagsAt)).split("|").filter(Boolean) : []);
    const [name = "default", profile = "default"] = (flagsAt >= 0 ? arg.slice(0, flagsAt) : arg).split("@");
    let room = this.rooms.get(name);
    if (!room) {
      const max = Number(ch.getVar("conference_max_members") ?? 0);
      room = { name, uuid: randomUUID(), profile, members: new Map(), nextId: 1, maxMembers: Number.isInteger(max) && max > 1 ? max : 0, recording: null, moh: null, relations: new Set() };
      this.rooms.set(name, room);
      this.roomEvent(room, "conference-create");
    }
    if (room.maxMembers > 0 && room.members.size >= room.maxMembers) return;
    let leave!: () => void;
    const left = new Promise<void>((resolve) => (leave = resolve));
    const m: Member = { id: room.nextId++, ch, moderator: flags.has("moderator"), endconf: flags.has("endconf"), speak: !flags.has("mute"), hold: false, kicked: null, leave };
    room.members.set(m.id, m);
    this.memberEvent(room, m, "add-member");
    await Promise.race([aborted, left]);
    this.remove(room, m);
  }

  private remove(room: Room, m: Member): void {
    if (!room.members.delete(m.id)) return;
    if (m.kicked) this.memberEvent(room, m, `${m.kicked}-member`);
    this.memberEvent(room, m, "del-member");
    if (m.endconf && ![...room.members.values()].some((o) => o.endconf)) {
      const others = [...room.members.values()];
      for (const other of others) {
        other.leave();
        this.remove(room, other);
      }
      for (const other of others) if (other.ch.getVar("hangup_after_conference") !== "false") this.host.hangup(other.ch);
    }
    // Destroyed once: the endconf branch above may already have emptied and destroyed it.
    if (room.members.size > 0 || this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    if (room.recording) {
      // The room's mix, one channel, as long as the recording ran (written before stop-recording, as the switch closes it).
      writeRecording(room.recording.path, Math.max(0, (this.host.nowUs() - room.recording.startUs) / 1e6), 1);
      this.roomEvent(room, "stop-recording", ["Path", room.recording.path]);
    }
    this.roomEvent(room, "conference-destroy");
  }

  /** Members' channel uuids of a room (undefined: no such room). */
  list(name: string): string[] | undefined {
    const room = this.rooms.get(name);
    return room ? [...room.members.values()].map((m) => m.ch.uuid) : undefined;
  }

  /** The relations `relate` set (`<from>-><to> nospeak`), for tests. */
  relations(name: string): string[] {
    return [...(this.rooms.get(name)?.relations ?? [])];
  }

  /** `conference <room> <sub> …`: the api's replies as the real switch gave them. */
  api(args: string[]): string {
    const [name = "", sub = "", ...rest] = args;
    const room = this.rooms.get(name);
    if (!room) return `-ERR Conference ${name} not found\n`;
    const targets = (spec: string | undefined): Member[] | null => {
      if (spec === "all") return [...room.members.values()];
      const m = room.members.get(Number(spec));
      return m ? [m] : null;
    };
    switch (sub) {
      case "list": {
        // `list count` answers the number alone, without a newline (fixture 22).
        if (rest[0] === "count") return String(room.members.size);
        return [...room.members.values()].reverse().map((m) => `${m.id};${m.ch.name};${m.ch.uuid};Outbound Call;${m.ch.profile?.callerIdNumber ?? ""};hear${m.speak ? "|speak" : ""}${m.moderator ? "|moderator" : ""};0;0;100\n`).join("");
      }
      case "mute":
      case "unmute":
      case "hold":
      case "unhold":
      case "kick":
      case "hup": {
        const members = targets(rest[0]);
        if (!members) return `-ERR Non-Existant ID ${rest[0] ?? ""}\n`;
        for (const m of members) {
          if (sub === "kick" || sub === "hup") {
            // kick → kick-member, hup → hup-member, each before del-member (fixture 22).
            m.kicked = sub;
            m.leave();
            this.remove(room, m);
            continue;
          }
          if (sub === "mute" || sub === "unmute") m.speak = sub === "unmute";
          else m.hold = sub === "hold";
          this.memberEvent(room, m, `${sub}-member`);
        }
        return `+OK ${sub === "kick" ? "kicked" : sub} ${rest[0]}\n`;
      }
      case "relate": {
        const [from = "", to = "", how = ""] = rest;
        if (!to) {
          const listed = [...room.relations].filter((r) => r.startsWith(`${from}->`));
          if (room.relations.size === 0) return "+OK No relationships\n";
          return listed.map((r) => {
            const [pair = "", flags = ""] = r.split(" ");
            const [a, b] = pair.split("->");
            return `${a} -> ${b} ${flags.includes("nospeak") ? "NOSPEAK" : "SPEAK"} ${flags.includes("nohear") ? "NOHEAR" : "HEAR"} NOSENDVIDEO \n`;
          }).join("");
        }
        const pairs = from.split(",").flatMap((a) => to.split(",").map((b) => `${a}->${b}`));
        if (how === "clear") {
          for (const p of pairs) room.relations.delete(`${p} nospeak`);
          return `+OK relationship ${pairs[0]} cleared.\n`;
        }
        for (const p of pairs) room.relations.add(`${p} ${how}`);
        return `+OK ${pairs[0]} ${how} set\n`;
      }
      case "moh":
        room.moh = rest[0] ?? null;
        return "+OK moh\n";
      case "recording":
        if (rest[0] === "start" && rest[1]) {
          room.recording = { path: rest[1], startUs: this.host.nowUs() };
          room.nextId++;
          this.roomEvent(room, "start-recording", ["Path", rest[1]]);
          return `+OK Record file ${rest[1]}\n`;
        }
        return "+OK\n";
      default:
        return "+OK\n";
    }
  }
}
