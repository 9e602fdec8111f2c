// A three-party conference on a real FreeSWITCH: three calls placed by the API to the carrier (SIPp) run
// <Dial><Conference> documents into one room. mod_conference's member events become participant rows and the
// room's status callbacks (Twilio's names, signed); a mute through the REST API reaches the switch as
// `conference <room> mute <member>` (its mute-member event comes back); a coach is related to the others (heard
// only by the call it coaches); the room is recorded from the start and the recording stored and told; the host (endConferenceOnExit) hanging up
// ends the room, and the others go on with their documents after the <Dial>. The events the switch sends were first
// captured with scripts/capture-conference-events.ts (freeswitch/fixtures/conference/maintenance-capture.txt).
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { createVoiceTenant, describeRealSwitch, EslTap, placeCall, rest, waitFor, waitForFinal, type VoiceTenant } from "./harness/fixtures";

type Reply = { status: number; body: string; headers: Record<string, string> };
const twiml = (body: string): Reply => ({ status: 200, body: `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`, headers: { "Content-Type": "text/xml" } });

describeRealSwitch("conferences on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  let app: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const routes = new Map<string, Reply>();

  beforeAll(async () => {
    app = await startWebhookReceiver((req) => routes.get(new URL(req.url ?? "/", "http://x").pathname) ?? { status: 200, body: "", headers: {} });
    tenant = await createVoiceTenant({ voiceUrl: "http://127.0.0.1:1/unused" });
    tap = await EslTap.open(["CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP_COMPLETE"]);
  });
  afterAll(async () => {
    await tap.close();
    await app.close();
  });

  it("three callers in a room: join events, a mute and a coach through the API, the recording, the end when the endConferenceOnExit member leaves", async () => {
    const events = app.url("/conf-events");
    routes.set(
      "/host",
      twiml(
        `<Dial><Conference endConferenceOnExit="true" participantLabel="host" record="record-from-start" recordingStatusCallback="${app.url("/rec-status")}" statusCallback="${events}" statusCallbackEvent="start end join leave mute">standup</Conference></Dial><Say>Host after</Say><Hangup/>`,
      ),
    );
    routes.set("/member", twiml(`<Dial><Conference beep="onEnter">standup</Conference></Dial><Say>The room has ended</Say><Hangup/>`));
    const host = await placeCall(tenant, { to: "+15005550100", url: app.url("/host") });
    const alice = await placeCall(tenant, { to: "+15005550100", url: app.url("/member") });
    const bob = await placeCall(tenant, { to: "+15005550100", url: app.url("/member") });

    const { db } = await import("@/server/db");
    const conference = await waitFor(
      "three participants connected on the switch",
      async () => {
        const c = await db.conference.findFirst({ where: { tenantId: tenant.tenantId, friendlyName: "standup" }, include: { participants: true } });
        return c && c.participants.filter((p) => p.status === "CONNECTED" && p.memberId !== null).length === 3 ? c : null;
      },
      45_000,
    );
    expect(conference).toMatchObject({ status: "IN_PROGRESS", room: `${tenant.tenantId}-standup` });
    const listed = await rest<{ data: { id: string; status: string; participant_count: number }[] }>(tenant, "GET", "/api/v1/conferences?status=in-progress");
    expect(listed.body.data).toEqual([expect.objectContaining({ id: conference.id, status: "in-progress", participant_count: 3 })]);
    // The switch's own add-member events for the three channels.
    const channelOf = async (callId: string) => (await db.call.findUniqueOrThrow({ where: { id: callId } })).channelUuid!;
    const added = tap.events.filter((e) => e.name === "CUSTOM" && e.subclass === "conference::maintenance" && e.get("Action") === "add-member" && e.get("Conference-Name") === conference.room);
    expect(added.map((e) => e.uniqueId).sort()).toEqual((await Promise.all([host.id, alice.id, bob.id].map(channelOf))).sort());

    // A mute through the REST API reaches the switch, whose mute-member event sets the row and the callback.
    const muted = await rest(tenant, "POST", `/api/v1/conferences/${conference.id}/participants/${alice.id}`, { muted: true });
    expect(muted.status).toBe(200);
    const aliceChannel = await channelOf(alice.id);
    await waitFor("the switch's mute-member for alice", async () => tap.events.some((e) => e.subclass === "conference::maintenance" && e.get("Action") === "mute-member" && e.uniqueId === aliceChannel));
    const list = await rest<{ data: { call_id: string; muted: boolean }[] }>(tenant, "GET", `/api/v1/conferences/${conference.id}/participants?muted=true`);
    expect(list.body.data.map((p) => p.call_id)).toEqual([alice.id]);

    // Bob coaches alice: the switch relates him to everyone else with nospeak (alice alone hears him).
    expect((await rest(tenant, "POST", `/api/v1/conferences/${conference.id}/participants/${bob.id}`, { coaching: true, call_sid_to_coach: alice.id })).status).toBe(200);
    const member = (callId: string) => conference.participants.find((p) => p.callId === callId)!.memberId!;
    const relations = await waitFor("bob related to the host", async () => {
      const listed = await tap.api(`conference ${conference.room} relate ${member(bob.id)}`);
      return listed.includes("NOSPEAK") ? listed : null;
    });
    expect(relations.trim()).toBe(`${member(bob.id)} -> ${member(host.id)} NOSPEAK HEAR NOSENDVIDEO`);

    // The host hangs up: the room ends; alice and bob go on with their documents.
    expect((await rest(tenant, "POST", `/api/v1/calls/${host.id}`, { status: "completed" })).status).toBe(200);
    for (const member of [alice, bob]) expect((await waitForFinal(tenant, member.id, 30_000)).status).toBe("completed");
    const ended = await waitFor("the room completed", () => db.conference.findFirst({ where: { id: conference.id, status: "COMPLETED" } }));
    expect(ended).toMatchObject({ reasonEnded: "participant-with-end-conference-on-exit-left", callSidEndingConference: host.id });
    for (const member of [alice, bob]) {
      const spoken = tap.events.filter((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.variable("irisx_call_id") === member.id && e.get("Application") === "speak").map((e) => e.get("Application-Data") ?? "");
      expect(spoken.some((t) => t.endsWith("The room has ended"))).toBe(true);
    }

    const callbacks = await waitFor("the conference-end callback", async () => {
      const all = app.received.filter((r) => r.url?.startsWith("/conf-events")).map((r) => ({ params: Object.fromEntries(new URLSearchParams(r.body)), signature: r.headers["x-twilio-signature"] }));
      return all.some((c) => c.params.StatusCallbackEvent === "conference-end") ? all : null;
    });
    const names = callbacks.map((c) => `${c.params.StatusCallbackEvent}:${c.params.CallSid ?? ""}`);
    expect(names).toEqual(
      expect.arrayContaining([
        `participant-join:${host.id}`,
        "conference-start:",
        `participant-join:${alice.id}`,
        `participant-join:${bob.id}`,
        `participant-mute:${alice.id}`,
        `participant-leave:${host.id}`,
        `participant-leave:${alice.id}`,
        `participant-leave:${bob.id}`,
        "conference-end:",
      ]),
    );
    for (const c of callbacks) {
      expect(c.signature).toBeTruthy();
      expect(c.params).toMatchObject({ ConferenceSid: conference.id, FriendlyName: "standup", AccountSid: tenant.accountSid });
    }
    expect(callbacks.find((c) => c.params.StatusCallbackEvent === "conference-end")!.params).toMatchObject({ ReasonConferenceEnded: "participant-with-end-conference-on-exit-left", CallSidEndingConference: host.id });

    // The room's recording: the switch's file, stored (at least a second of it), and told to the callback.
    const recording = await waitFor("the room's recording stored", () => db.recording.findFirst({ where: { id: ended.recordingId!, status: { not: "IN_PROGRESS" } } }));
    expect(recording).toMatchObject({ status: "COMPLETED", channels: 1 });
    expect(recording.durationSeconds).toBeGreaterThanOrEqual(1);
    const told = await waitFor("the recording status callback", async () => app.received.find((r) => r.url?.startsWith("/rec-status")));
    expect(Object.fromEntries(new URLSearchParams(told.body))).toMatchObject({ ConferenceSid: conference.id, RecordingSid: recording.id, RecordingStatus: "completed" });
  });
});
