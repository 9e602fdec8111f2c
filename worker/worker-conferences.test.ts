// Conferences on the simulator (the same is proven on the real switch by freeswitch/real-switch/conference.test.ts):
// three calls run <Dial><Conference> documents into one room; the switch's member events become participant rows
// and the room's status callbacks (Twilio's names, signed); mute, hold, coach and remove through the use-cases the
// API calls reach the switch as `conference <room> …` commands with member ids; the endConferenceOnExit member
// hanging up ends the room, and the others go on with their documents after the <Dial>.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { updateCall } from "@/server/calls/update-call";
import { db } from "@/server/db";
import { removeConferenceParticipant } from "@/server/conferences/remove-conference-participant";
import { updateConferenceParticipant } from "@/server/conferences/update-conference-participant";
import { createVoiceTenant } from "@/test/call-fixtures";
import { buildWav } from "../freeswitch/simulator/wav";
import { twiml, useCallControlStage } from "./call-control-stage";
import { placeCall, waitFor, waitForFinalCall } from "./test-harness";

const stage = useCallControlStage({ switchId: "fs-conf-sim" });
const { routes, seen, apis, spokenOn } = stage;

const conferenceCallbacks = () =>
  stage.app.received.filter((r) => r.url.startsWith("/conf-events")).map((r) => ({ params: Object.fromEntries(new URLSearchParams(r.body)), signature: r.headers["x-twilio-signature"] }));

describe("conferences on the simulator", () => {
  it("three callers share a room: events → rows and callbacks, mute/hold/coach/kick through the API, the end when the host leaves", async () => {
    const events = stage.app.url("/conf-events");
    routes.set("/host", twiml(`<Dial><Conference endConferenceOnExit="true" participantLabel="host" statusCallback="${events}" statusCallbackEvent="start end join leave mute hold">standup</Conference></Dial><Say>Host after</Say>`));
    routes.set("/member", twiml(`<Dial><Conference beep="false" startConferenceOnEnter="false">standup</Conference></Dial><Say>Left the room</Say><Hangup/>`));
    const voice = await createVoiceTenant();
    const host = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/host") });
    // The room's statusCallback comes with the host's document: the others join after it (on a loaded machine a member
    // placed next could otherwise join first, before the room had a callback to tell).
    await waitFor("the host in the room", async () => (await db.conferenceParticipant.findFirst({ where: { callId: host.id, status: "CONNECTED" } })) ?? null);
    const alice = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/member") });
    const bob = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/member") });

    const conference = await waitFor("three connected participants", async () => {
      const c = await db.conference.findFirst({ where: { tenantId: voice.tenant.id, friendlyName: "standup" }, include: { participants: true } });
      return c && c.participants.filter((p) => p.status === "CONNECTED").length === 3 ? c : null;
    });
    expect(conference).toMatchObject({ status: "IN_PROGRESS", room: `${voice.tenant.id}-standup`, switchId: "fs-conf-sim" });
    const memberOf = (callId: string) => conference.participants.find((p) => p.callId === callId)!.memberId!;
    // The room's variables went out before the application: beeps per Twilio's beep, a wait-mod room, the limit.
    const sets = seen.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === alice.id && e.get("Application") === "set").map((e) => e.get("Application-Data"));
    expect(sets).toEqual(expect.arrayContaining(["conference_enter_sound=", "conference_exit_sound=", "conference_flags=wait-mod", "conference_max_members=250"]));

    await updateConferenceParticipant(voice.actor, { conferenceId: conference.id, callId: alice.id, muted: true });
    await waitFor("alice muted on the switch", async () => apis.includes(`conference ${conference.room} mute ${memberOf(alice.id)}`));
    await updateConferenceParticipant(voice.actor, { conferenceId: conference.id, callId: alice.id, hold: true });
    await waitFor("alice held", async () => apis.includes(`conference ${conference.room} hold ${memberOf(alice.id)}`));

    // Bob coaches alice: heard by her only.
    await updateConferenceParticipant(voice.actor, { conferenceId: conference.id, callId: bob.id, coaching: true, callSidToCoach: alice.id });
    await waitFor("the coach related", async () => stage.sim.switch.conferences.relations(conference.room).length > 0);
    expect(stage.sim.switch.conferences.relations(conference.room)).toEqual([`${memberOf(bob.id)}->${memberOf(host.id)} nospeak`]);

    // Removing bob kicks him out of the room; his document goes on after the <Dial>.
    await removeConferenceParticipant(voice.actor, { conferenceId: conference.id, callId: bob.id });
    expect((await waitForFinalCall(bob.id)).status).toBe("COMPLETED");
    expect(spokenOn(bob.id)).toEqual(["Left the room"]);
    expect(await db.conferenceParticipant.findFirst({ where: { callId: bob.id } })).toMatchObject({ status: "COMPLETED" });

    // The host hangs up: endConferenceOnExit empties the room; alice goes on with her document.
    await updateCall(voice.actor, { callId: host.id, status: "completed" });
    expect((await waitForFinalCall(alice.id)).status).toBe("COMPLETED");
    expect(spokenOn(alice.id)).toEqual(["Left the room"]);
    const ended = await waitFor("the room completed", () => db.conference.findFirst({ where: { id: conference.id, status: "COMPLETED" } }));
    expect(ended).toMatchObject({ reasonEnded: "participant-with-end-conference-on-exit-left", callSidEndingConference: host.id });

    const callbacks = await waitFor("the conference-end callback", async () => {
      const all = conferenceCallbacks();
      return all.some((c) => c.params.StatusCallbackEvent === "conference-end") ? all : null;
    });
    const names = callbacks.map((c) => `${c.params.StatusCallbackEvent}:${c.params.CallSid ?? ""}`);
    expect(names).toEqual(
      expect.arrayContaining([`participant-join:${host.id}`, "conference-start:", `participant-join:${alice.id}`, `participant-mute:${alice.id}`, `participant-hold:${alice.id}`, `participant-leave:${bob.id}`, `participant-leave:${host.id}`, "conference-end:"]),
    );
    for (const c of callbacks) {
      expect(c.signature).toBeTruthy();
      expect(c.params).toMatchObject({ ConferenceSid: conference.id, FriendlyName: "standup", AccountSid: voice.tenant.accountSid });
    }
    expect(callbacks.find((c) => c.params.StatusCallbackEvent === "participant-mute")!.params).toMatchObject({ Muted: "true", Hold: "false", StartConferenceOnEnter: "false" });
    expect(callbacks.find((c) => c.params.StatusCallbackEvent === "conference-end")!.params).toMatchObject({ ReasonConferenceEnded: "participant-with-end-conference-on-exit-left", CallSidEndingConference: host.id });
  });

  it("a room at maxParticipants refuses the next caller, whose document goes on", async () => {
    routes.set("/small", twiml(`<Dial><Conference maxParticipants="2">tiny</Conference></Dial><Say>Room full</Say><Hangup/>`));
    const voice = await createVoiceTenant();
    const calls = [];
    for (let i = 0; i < 2; i++) calls.push(await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/small") }));
    await waitFor("two in the room", async () => (await db.conferenceParticipant.count({ where: { tenantId: voice.tenant.id, status: "CONNECTED" } })) === 2 || null);
    const third = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/small") });
    expect((await waitForFinalCall(third.id)).status).toBe("COMPLETED");
    expect(spokenOn(third.id)).toEqual(["Room full"]);
    for (const c of calls) await updateCall(voice.actor, { callId: c.id, status: "completed" });
    await waitFor("the room completed", () => db.conference.findFirst({ where: { tenantId: voice.tenant.id, status: "COMPLETED" } }));
  });

  it("waitUrl: the first <Play> of its document is the music of a room waiting for its host", async () => {
    const music = http.createServer((_req, res) => res.writeHead(200, { "Content-Type": "audio/wav" }).end(buildWav(1, 1)));
    await new Promise<void>((resolve) => music.listen(0, "127.0.0.1", resolve));
    try {
      const musicUrl = `http://127.0.0.1:${(music.address() as AddressInfo).port}/music.wav`;
      routes.set("/wait", twiml(`<Play loop="0">${musicUrl}</Play>`));
      routes.set("/lobby", twiml(`<Dial><Conference startConferenceOnEnter="false" waitUrl="${stage.app.url("/wait")}">lobby</Conference></Dial><Hangup/>`));
      const voice = await createVoiceTenant();
      const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/lobby") });
      const room = `${voice.tenant.id}-lobby`;
      const moh = await waitFor("the room's music", async () => apis.find((c) => c.startsWith(`conference ${room} moh `)));
      expect(moh).toMatch(new RegExp(`^conference ${room} moh /\\S+\\.wav$`));
      expect(await db.conference.findFirst({ where: { tenantId: voice.tenant.id } })).toMatchObject({ status: "INIT" });
      await updateCall(voice.actor, { callId: call.id, status: "completed" });
      await waitFor("the room completed", () => db.conference.findFirst({ where: { tenantId: voice.tenant.id, status: "COMPLETED" } }));
    } finally {
      music.close();
    }
  });

  it("record-from-start: the room's recording starts with its first member, is stored when the room ends and told to recordingStatusCallback", async () => {
    routes.set("/rec", twiml(`<Dial><Conference record="record-from-start" recordingStatusCallback="${stage.app.url("/rec-status")}">taped</Conference></Dial><Hangup/>`));
    const voice = await createVoiceTenant();
    const calls = [];
    for (let i = 0; i < 2; i++) calls.push(await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/rec") }));
    const room = `${voice.tenant.id}-taped`;
    await waitFor("the room's recording started once", async () => apis.filter((c) => c.startsWith(`conference ${room} recording start `)).length === 1 || null);
    const conference = await waitFor("two members", async () => {
      const c = await db.conference.findFirst({ where: { tenantId: voice.tenant.id }, include: { participants: true } });
      return c && c.participants.filter((p) => p.status === "CONNECTED").length === 2 ? c : null;
    });
    expect(conference.recordingId).toMatch(/^RE[0-9a-f]{32}$/);
    expect(apis.filter((c) => c.startsWith(`conference ${room} recording start `))).toHaveLength(1);
    for (const c of calls) await updateCall(voice.actor, { callId: c.id, status: "completed" });
    await waitFor("the room completed", () => db.conference.findFirst({ where: { id: conference.id, status: "COMPLETED" } }));
    const recording = await waitFor("the recording stored", () => db.recording.findFirst({ where: { id: conference.recordingId!, status: { not: "IN_PROGRESS" } } }));
    expect(recording).toMatchObject({ status: "COMPLETED", channels: 1 });
    const told = await waitFor("the recording status callback", async () => stage.app.received.find((r) => r.url.startsWith("/rec-status")));
    expect(Object.fromEntries(new URLSearchParams(told.body))).toMatchObject({
      ConferenceSid: conference.id,
      RecordingSid: recording.id,
      RecordingStatus: "completed",
      RecordingSource: "DialConference",
      AccountSid: voice.tenant.accountSid,
    });
    expect(told.headers["x-twilio-signature"]).toBeTruthy();
  });
});
