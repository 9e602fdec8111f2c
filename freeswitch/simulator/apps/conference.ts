// conference <name>[@profile]: CUSTOM conference::maintenance conference-create, add-member, del-member,
// conference-destroy (fixture 10); the member stays until hangup or break. The rooms live on the switch
// (sw.conferences) so the `conference` api (conferenceApi) can list them.
import { randomUUID } from "node:crypto";
import type { OriginName } from "../events.ts";
import type { SimSwitch } from "../switch.ts";
import type { SimApp } from "./context.ts";

export interface ConferenceRoom {
  uuid: string;
  /** Member ids by channel uuid, in joining order. */
  members: Map<string, number>;
  nextId: number;
}

export const conference: SimApp = async ({ sw, ch, sim, arg, aborted }) => {
  if (ch.direction === "inbound") sw.answerInbound(ch);
  const name = arg.split("@")[0] || "default";
  const profile = arg.split("@")[1] ?? "default";
  let conf = sw.conferences.get(name);
  const confHeaders = (c: ConferenceRoom) => [
    "Conference-Name", name, "Conference-Domain", "127.0.0.1", "Conference-Size", String(c.members.size),
    "Conference-Ghosts", "0", "Conference-Profile-Name", profile, "Conference-Unique-ID", c.uuid,
  ];
  if (!conf) {
    conf = { uuid: randomUUID(), members: new Map(), nextId: 1 };
    sw.conferences.set(name, conf);
    const ev = sw.newEvent("CUSTOM", "CONFERENCE_NEW", "conference::maintenance");
    ev.headers.push(...confHeaders(conf), "Action", "conference-create");
    sw.fire(ev);
  }
  const room = conf;
  const memberId = room.nextId++;
  room.members.set(ch.uuid, memberId);
  sim.conference = name;
  const memberEvent = (action: string, origin: OriginName) => sw.fire(sw.chanEvent(ch, "CUSTOM", origin,
    [...confHeaders(room), "Floor", "false"],
    ["Video", "false", "Hear", "true", "See", "true", "Speak", "true", "Talking", "false", "Mute-Detect", "false",
      "Hold", "false", "Member-ID", String(memberId), "Member-Type", "member", "Member-Ghost", "false",
      "Energy-Level", "100", "Current-Energy", "0", "Action", action], "conference::maintenance", false));
  memberEvent("add-member", "CONFERENCE_ADD");
  await aborted;
  room.members.delete(ch.uuid);
  memberEvent("del-member", "CONFERENCE_DEL");
  if (room.members.size === 0) {
    sw.conferences.delete(name);
    const ev = sw.newEvent("CUSTOM", "CONFERENCE_DESTROY", "conference::maintenance");
    ev.headers.push(...confHeaders(room), "Action", "conference-destroy");
    sw.fire(ev);
  }
  return undefined;
};

/** `conference <name> list [count]` (the api command). */
export function conferenceApi(sw: SimSwitch, args: string[]): string {
  const [name, sub, count] = args;
  const room = name ? sw.conferences.get(name) : undefined;
  if (!room) return `-ERR Conference ${name ?? ""} not found\n`;
  const members = [...room.members.keys()];
  if (sub === "list" && count === "count") return String(members.length);
  if (sub === "list") {
    return members.map((uuid, i) => {
      const ch = sw.channels.get(uuid);
      const p = ch?.profile;
      return `${i + 1};${ch?.name ?? ""};${uuid};${p?.callerIdName ?? ""};${p?.callerIdNumber ?? ""};hear|speak;0;0;100\n`;
    }).join("");
  }
  return "+OK\n";
}
