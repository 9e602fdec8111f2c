// The simulator's mod_conference against what the real switch did (freeswitch/fixtures/conference/maintenance-capture.txt).
import { afterEach, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "./index";
import type { SimEvent } from "./events";

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const header = (ev: SimEvent, name: string) => {
  const i = ev.headers.indexOf(name);
  return i >= 0 && i % 2 === 0 ? ev.headers[i + 1] : undefined;
};

async function roomOfThree(hangupAfter: string | null) {
  sim = await startSimulator({ eslPort: 0, controlPort: 0, timeScale: 0.05 });
  const sw = sim.switch;
  const events: SimEvent[] = [];
  sw.subscribe((ev) => {
    if (ev.subclass === "conference::maintenance") events.push(ev);
  });
  const uuids: string[] = [];
  for (const [i, flags] of ["moderator|endconf", "mute", ""].entries()) {
    const vars = hangupAfter === null ? "" : `{hangup_after_conference=${hangupAfter}}`;
    // Parked, then the conference application, as the worker runs it (an originate's `&conference(…)` would be an
    // inline extension, which hangs the leg up once it returns, whatever hangup_after_conference says).
    const uuid = await new Promise<string>((resolve, reject) => sw.originate(`${vars}sofia/gateway/gw/+1500555013${i} &park()`, (r) => (r.ok && r.uuid ? resolve(r.uuid) : reject(new Error(r.reply)))));
    sw.breakApp(sw.channels.get(uuid)!, true);
    sw.startApp(sw.channels.get(uuid)!, "conference", `room-a@default+flags{${flags}}`);
    uuids.push(uuid);
  }
  for (let i = 0; i < 100 && events.filter((e) => header(e, "Action") === "add-member").length < 3; i++) await new Promise((r) => setTimeout(r, 20));
  return { sw, events, uuids };
}

async function destroyed(events: SimEvent[]) {
  for (let i = 0; i < 100 && !events.some((e) => header(e, "Action") === "conference-destroy"); i++) await new Promise((r) => setTimeout(r, 20));
}

describe("the simulator's conferences", () => {
  it("reports members as the switch did: the mute flag is Speak=false, moderators are Member-Type moderator", async () => {
    const { events } = await roomOfThree(null);
    const added = events.filter((e) => header(e, "Action") === "add-member");
    expect(added.map((e) => [header(e, "Member-ID"), header(e, "Member-Type"), header(e, "Speak")])).toEqual([
      ["1", "moderator", "true"],
      ["2", "member", "false"],
      ["3", "member", "true"],
    ]);
    expect(header(events[0]!, "Action")).toBe("conference-create");
  });

  it("mute, hold and kick answer and report like mod_conference", async () => {
    const { sw, events } = await roomOfThree(null);
    expect(sw.conferences.api(["room-a", "relate", "3"])).toBe("+OK No relationships\n");
    expect(sw.conferences.api(["room-a", "relate", "3", "1", "nospeak"])).toBe("+OK 3->1 nospeak set\n");
    expect(sw.conferences.api(["room-a", "relate", "3"])).toBe("3 -> 1 NOSPEAK HEAR NOSENDVIDEO \n");
    expect(sw.conferences.api(["room-a", "relate", "3", "1", "clear"])).toBe("+OK relationship 3->1 cleared.\n");
    expect(sw.conferences.api(["room-a", "mute", "3"])).toBe("+OK mute 3\n");
    expect(sw.conferences.api(["room-a", "hold", "3"])).toBe("+OK hold 3\n");
    expect(sw.conferences.api(["room-a", "kick", "3"])).toBe("+OK kicked 3\n");
    expect(sw.conferences.api(["room-a", "mute", "9"])).toBe("-ERR Non-Existant ID 9\n");
    expect(sw.conferences.api(["nowhere", "mute", "1"])).toBe("-ERR Conference nowhere not found\n");
    expect(events.slice(-4).map((e) => `${header(e, "Action")}:${header(e, "Member-ID")}`)).toEqual(["mute-member:3", "hold-member:3", "kick-member:3", "del-member:3"]);
  });

  it("the endconf member leaving empties the room and hangs the others up, unless hangup_after_conference=false", async () => {
    const first = await roomOfThree(null);
    first.sw.hangup(first.sw.channels.get(first.uuids[0]!)!, { cause: "NORMAL_CLEARING", disposition: "recv_bye" });
    await destroyed(first.events);
    expect(first.events.slice(-4).map((e) => header(e, "Action"))).toEqual(["del-member", "del-member", "del-member", "conference-destroy"]);
    expect(first.uuids.slice(1).map((u) => first.sw.channels.get(u)?.hungUp ?? true)).toEqual([true, true]);
    await sim!.close();
    sim = null;

    const second = await roomOfThree("false");
    second.sw.hangup(second.sw.channels.get(second.uuids[0]!)!, { cause: "NORMAL_CLEARING", disposition: "recv_bye" });
    await destroyed(second.events);
    expect(second.uuids.slice(1).map((u) => second.sw.channels.get(u)?.hungUp ?? true)).toEqual([false, false]);
  });
});
