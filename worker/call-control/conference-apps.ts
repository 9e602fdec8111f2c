// A <Dial><Conference> as the switch's `conference` application. Rooms are per tenant: the switch's room name is the
// tenant's id and the room's name made safe (letters, digits, `_`, `.`, `-`; anything else, and names too long, get a
// short hash so two different names never share a room). Twilio's attributes become member flags:
//   startConferenceOnEnter → moderator; every room is created wait-mod (`conference_flags`: a conference flag, not a
//   member's), so members without it wait, hearing music, until a moderator joins
//   endConferenceOnExit → endconf          muted → mute
// Channel variables set before joining (constants and numbers only): beep → conference_enter_sound /
// conference_exit_sound tones (the profile has none, so no variable means no beep), maxParticipants →
// conference_max_members (the room's creator sets it; the participant rows enforce it for everyone), waitUrl's audio
// → irisx_wait_music (conference-events.ts plays it as the waiting room's music). hangup_after_conference=false:
// mod_conference hangs members up when a room is destroyed under them (an endconf member left); on Twilio their
// calls go on with the document after the <Dial> (seen on the real switch: real-switch/conference.test.ts).
import { conferenceRoom } from "@/server/conferences/conference-room";
import type { DialTarget } from "@/server/voice-documents/interpreter/commands";
import type { SwitchApplication } from "./switch-commands";

export type ConferenceTarget = Extract<DialTarget, { kind: "conference" }>;

/** The conference profile of freeswitch/conf/autoload_configs/conference.conf.xml. */
export const CONFERENCE_PROFILE = "default";

export { conferenceRoom };

export function memberFlags(target: Pick<ConferenceTarget, "startOnEnter" | "endOnExit" | "muted">): string[] {
  const flags = target.startOnEnter ? ["moderator"] : [];
  if (target.endOnExit) flags.push("endconf");
  if (target.muted) flags.push("mute");
  return flags;
}

/** `conference <room>@<profile>+flags{…}`. */
export function conferenceApplication(tenantId: string, target: ConferenceTarget): SwitchApplication {
  return { app: "conference", arg: `${conferenceRoom(tenantId, target.name)}@${CONFERENCE_PROFILE}+flags{${memberFlags(target).join("|")}}` };
}

/**
 * The inline extension a leg already on a call is sent to (`uuid_transfer <leg> <this> inline`) to join a room as a
 * member (a consultation moves the agent's or the customer's leg so). Once the room is done with it the extension
 * ends and the switch hangs the leg up.
 */
export function conferenceTransfer(tenantId: string, member: Pick<ConferenceTarget, "name" | "startOnEnter" | "endOnExit" | "muted">): string {
  return `conference:${conferenceRoom(tenantId, member.name)}@${CONFERENCE_PROFILE}+flags{${memberFlags(member).join("|")}}`;
}

export const ENTER_TONE = "tone_stream://%(200,0,800)";
export const EXIT_TONE = "tone_stream://%(200,0,500)";

/** A file the media cache wrote (no spaces, quotes or expansion characters), or null. */
const MEDIA_FILE = /^\/[A-Za-z0-9_./-]{1,400}$/;

/** The `set`s before the conference application (an empty value unsets what an earlier conference left). */
export function conferenceVariables(target: ConferenceTarget, waitMusic: string | null): SwitchApplication[] {
  const enter = target.beep === "true" || target.beep === "onEnter";
  const exit = target.beep === "true" || target.beep === "onExit";
  return [
    { app: "set", arg: `conference_enter_sound=${enter ? ENTER_TONE : ""}` },
    { app: "set", arg: `conference_exit_sound=${exit ? EXIT_TONE : ""}` },
    { app: "set", arg: `conference_max_members=${Math.max(2, Math.min(250, Math.trunc(target.maxParticipants)))}` },
    { app: "set", arg: "conference_flags=wait-mod" },
    { app: "set", arg: "hangup_after_conference=false" },
    { app: "set", arg: `irisx_wait_music=${waitMusic && MEDIA_FILE.test(waitMusic) ? waitMusic : ""}` },
  ];
}
