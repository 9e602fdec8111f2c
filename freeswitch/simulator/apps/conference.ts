// conference <name>[@profile][+flags{moderator|endconf|mute…}] (mod_conference; fixtures 10 and 22, and the capture
// in freeswitch/fixtures/conference): the member joins the room kept by ../conference.ts (ConferenceRooms), which
// sends the conference::maintenance events and answers the `conference <room> …` api. The application lasts until
// hangup, uuid_break, or the api's kick/hup (the channel lives on and its app completes with `_none_`).
import type { SimApp } from "./context.ts";

export const conference: SimApp = async ({ sw, ch, sim, arg, aborted }) => {
  if (ch.direction === "inbound") sw.answerInbound(ch);
  sim.conference = arg.replace(/\+flags\{[^}]*\}/, "").split("@")[0] || "default";
  await sw.conferences.join(ch, arg, aborted);
  sim.conference = undefined;
  return undefined;
};
