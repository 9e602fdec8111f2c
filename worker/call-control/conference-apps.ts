// A <Dial><Conference> as the switch's `conference` application. Rooms are per tenant: the switch's room name is the
// tenant's id and the room's name made safe (letters, digits, `_`, `.`, `-`; anything else, and names too long, get a
// short hash so two different names never share a room). Twilio's attributes become member flags:
//   startConferenceOnEnter → moderator (the room starts when one joins); false → wait-mod (waits, hearing music)
//   endConferenceOnExit → endconf          muted → mute
import { createHash } from "node:crypto";
import type { DialTarget } from "@/server/voice-documents/interpreter/commands";
import type { SwitchApplication } from "./switch-commands";

export type ConferenceTarget = Extract<DialTarget, { kind: "conference" }>;

/** The conference profile of freeswitch/conf/autoload_configs/conference.conf.xml. */
export const CONFERENCE_PROFILE = "default";

const SAFE = /^[A-Za-z0-9_.-]{1,48}$/;
const TENANT = /^[A-Za-z0-9_-]{1,64}$/;

/** The switch's name of a tenant's room. */
export function conferenceRoom(tenantId: string, name: string): string {
  if (!TENANT.test(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
  if (SAFE.test(name)) return `${tenantId}-${name}`;
  const readable = name.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 32);
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 12);
  return `${tenantId}-${readable}-${hash}`;
}

export function memberFlags(target: ConferenceTarget): string[] {
  const flags = [target.startOnEnter ? "moderator" : "wait-mod"];
  if (target.endOnExit) flags.push("endconf");
  if (target.muted) flags.push("mute");
  return flags;
}

/** `conference <room>@<profile>+flags{…}`. */
export function conferenceApplication(tenantId: string, target: ConferenceTarget): SwitchApplication {
  return { app: "conference", arg: `${conferenceRoom(tenantId, target.name)}@${CONFERENCE_PROFILE}+flags{${memberFlags(target).join("|")}}` };
}
