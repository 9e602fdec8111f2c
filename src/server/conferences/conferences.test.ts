import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { createVoiceTenant } from "@/test/call-fixtures";
import { addConferenceParticipant } from "@/server/conferences/add-conference-participant";
import { applyConferenceEvent } from "@/server/conferences/apply-conference-event";
import { endConference } from "@/server/conferences/end-conference";
import { findConferenceParticipants } from "@/server/conferences/find-conference-participants";
import { findConferences } from "@/server/conferences/find-conferences";
import { getConference } from "@/server/conferences/get-conference";
import { getConferenceParticipant } from "@/server/conferences/get-conference-participant";
import { joinConference, type JoinConferenceInput } from "@/server/conferences/join-conference";
import { removeConferenceParticipant } from "@/server/conferences/remove-conference-participant";
import { settleConferences } from "@/server/conferences/settle-conferences";
import { CONFERENCE_REQUEST_CHANNEL } from "@/server/conferences/request-conference-action";
import { takeConferenceRequests } from "@/server/conferences/take-conference-requests";
import { updateConferenceParticipant } from "@/server/conferences/update-conference-participant";

let listener: pg.Client;
const notifications: string[] = [];
beforeAll(async () => {
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (n) => {
    if (n.channel === CONFERENCE_REQUEST_CHANNEL && n.payload) notifications.push(n.payload);
  });
  await listener.query(`LISTEN ${CONFERENCE_REQUEST_CHANNEL}`);
});
afterAll(() => listener.end());

type Tenant = Awaited<ReturnType<typeof createVoiceTenant>>;

/** A live call on switch `switchId` with its channel. */
async function liveCall(t: Tenant, switchId: string) {
  const channelUuid = randomUUID();
  const call = await db.call.create({
    data: { id: newSid("CA"), tenantId: t.tenant.id, direction: "INBOUND", status: "IN_PROGRESS", from: "+14155550100", to: t.number.e164, switchId, channelUuid, statusCallbackEvents: [], eventSequence: 1, answeredAt: new Date() },
  });
  return { callId: call.id, channelUuid };
}

function joining(t: Tenant, call: { callId: string }, room: string, name: string, over: Partial<JoinConferenceInput> = {}): JoinConferenceInput {
  return {
    tenantId: t.tenant.id,
    callId: call.callId,
    switchId: "fs-conf",
    friendlyName: name,
    room,
    label: null,
    muted: false,
    startConferenceOnEnter: true,
    endConferenceOnExit: false,
    callSidToCoach: null,
    maxParticipants: 250,
    statusCallback: null,
    recordingPath: null,
    recordingStatusCallback: null,
    ...over,
  };
}

const event = (room: string, action: string, channelUuid: string | null, memberId: number | null, extra: { speak?: boolean } = {}) =>
  applyConferenceEvent({ switchId: "fs-conf", room, action, channelUuid, memberId, at: new Date(), ...extra });

async function callbacksOf(callId: string) {
  const rows = await db.callbackDelivery.findMany({ where: { callId }, orderBy: { sequence: "asc" } });
  return rows.map((r) => r.params as Record<string, string>);
}

describe("a room from the switch's events", () => {
  it("joins, starts with the startConferenceOnEnter member, mutes, and ends when the endConferenceOnExit member leaves", async () => {
    const t = await createVoiceTenant();
    const room = `${t.tenant.id}-standup`;
    const [a, b, c] = [await liveCall(t, "fs-conf"), await liveCall(t, "fs-conf"), await liveCall(t, "fs-conf")];
    const callback = { url: "https://example.com/conf", method: "POST" as const, events: ["start", "end", "join", "leave", "mute", "speaker"] };
    const waiting = await joinConference(joining(t, c, room, "standup", { startConferenceOnEnter: false, statusCallback: callback }));
    expect(waiting.ok).toBe(true);
    await event(room, "add-member", c.channelUuid, 1);
    let conference = await getConference(t.actor, { conferenceId: waiting.ok ? waiting.conferenceId : "" });
    expect(conference).toMatchObject({ status: "INIT", friendlyName: "standup", participantCount: 1 });

    await joinConference(joining(t, a, room, "standup", { endConferenceOnExit: true, label: "host" }));
    const joined = await event(room, "add-member", a.channelUuid, 2);
    expect(joined.members?.map((m) => m.memberId).sort()).toEqual([1, 2]);
    await joinConference(joining(t, b, room, "standup", { muted: true }));
    await event(room, "add-member", b.channelUuid, 3, { speak: false });
    conference = await getConference(t.actor, { conferenceId: conference.id });
    expect(conference).toMatchObject({ status: "IN_PROGRESS", participantCount: 3 });
    expect(conference.startedAt).not.toBeNull();
    expect(await getConferenceParticipant(t.actor, { conferenceId: conference.id, callId: b.callId })).toMatchObject({ status: "CONNECTED", muted: true, memberId: 3 });

    await event(room, "mute-member", c.channelUuid, 1);
    await event(room, "start-talking", a.channelUuid, 2);
    await event(room, "del-member", a.channelUuid, 2);
    await event(room, "del-member", b.channelUuid, 3);
    await event(room, "del-member", c.channelUuid, 1);
    await event(room, "conference-destroy", null, null);
    conference = await getConference(t.actor, { conferenceId: conference.id });
    expect(conference).toMatchObject({ status: "COMPLETED", reasonEnded: "participant-with-end-conference-on-exit-left", callSidEndingConference: a.callId, participantCount: 0 });

    // The room's own callbacks hang on the call whose noun set them (c); participants' on their own calls.
    const onC = await callbacksOf(c.callId);
    expect(onC.map((p) => p.StatusCallbackEvent)).toEqual(["participant-join", "conference-start", "participant-mute", "participant-leave", "conference-end"]);
    const onA = await callbacksOf(a.callId);
    expect(onA.map((p) => p.StatusCallbackEvent)).toEqual(["participant-join", "participant-speech-start", "participant-leave"]);
    const start = (await db.callbackDelivery.findMany({ where: { tenantId: t.tenant.id } })).map((r) => r.params as Record<string, string>).find((p) => p.StatusCallbackEvent === "conference-start");
    expect(start).toMatchObject({ ConferenceSid: conference.id, FriendlyName: "standup", AccountSid: t.tenant.accountSid });
    expect(onA[0]).toMatchObject({ CallSid: a.callId, Muted: "false", Hold: "false", Coaching: "false", EndConferenceOnExit: "true", StartConferenceOnEnter: "true", ParticipantLabel: "host", ConferenceSid: conference.id });
    expect(onC.at(-1)).toMatchObject({ ReasonConferenceEnded: "participant-with-end-conference-on-exit-left", CallSidEndingConference: a.callId });
    // SequenceNumber counts the room's callbacks.
    const all = (await db.callbackDelivery.findMany({ where: { tenantId: t.tenant.id } })).map((r) => Number((r.params as Record<string, string>).SequenceNumber)).sort((x, y) => x - y);
    expect(all).toEqual(all.map((_, i) => i + 1));
    const webhooks = await db.webhookEvent.findMany({ where: { tenantId: t.tenant.id, type: { startsWith: "conference." } }, orderBy: { createdAt: "asc" } });
    expect(webhooks.map((w) => w.type)).toEqual(
      expect.arrayContaining(["conference.started", "conference.ended", "conference.participant_joined", "conference.participant_left", "conference.participant_updated"]),
    );
  });

  it("refuses a member beyond maxParticipants", async () => {
    const t = await createVoiceTenant();
    const room = `${t.tenant.id}-small`;
    const calls = [await liveCall(t, "fs-conf"), await liveCall(t, "fs-conf"), await liveCall(t, "fs-conf")];
    expect((await joinConference(joining(t, calls[0]!, room, "small", { maxParticipants: 2 }))).ok).toBe(true);
    expect((await joinConference(joining(t, calls[1]!, room, "small"))).ok).toBe(true);
    expect(await joinConference(joining(t, calls[2]!, room, "small"))).toMatchObject({ ok: false, reason: "full" });
  });

  it("ignores rooms it does not know", async () => {
    expect(await event("tn_nobody-room", "add-member", randomUUID(), 1)).toEqual({ conferenceId: null });
  });
});

describe("controlling a room through the API", () => {
  async function liveRoom() {
    const t = await createVoiceTenant();
    const room = `${t.tenant.id}-ops`;
    const [a, b] = [await liveCall(t, "fs-ctl"), await liveCall(t, "fs-ctl")];
    const j = await joinConference({ ...joining(t, a, room, "ops"), switchId: "fs-ctl" });
    await joinConference({ ...joining(t, b, room, "ops"), switchId: "fs-ctl" });
    await applyConferenceEvent({ switchId: "fs-ctl", room, action: "add-member", channelUuid: a.channelUuid, memberId: 4, at: new Date() });
    await applyConferenceEvent({ switchId: "fs-ctl", room, action: "add-member", channelUuid: b.channelUuid, memberId: 5, at: new Date() });
    return { t, a, b, room, conferenceId: j.ok ? j.conferenceId : "" };
  }

  it("mute, hold, coach and kick become requests for the room's switch, taken once, with member ids", async () => {
    const { t, a, b, conferenceId, room } = await liveRoom();
    const muted = await updateConferenceParticipant(t.actor, { conferenceId, callId: b.callId, muted: true, hold: true });
    expect(muted).toMatchObject({ muted: true, hold: true });
    await updateConferenceParticipant(t.actor, { conferenceId, callId: a.callId, coaching: true, callSidToCoach: b.callId });
    await removeConferenceParticipant(t.actor, { conferenceId, callId: b.callId });
    expect(notifications).toContain("fs-ctl");
    const taken = await takeConferenceRequests({ switchId: "fs-ctl", limit: 10 });
    expect(taken.map((r) => [r.action, r.memberId, r.room])).toEqual([
      ["mute", 5, room],
      ["hold", 5, room],
      ["coach", 4, room],
      ["kick", 5, room],
    ]);
    expect(taken[2]).toMatchObject({ coachedMemberId: 5, otherMemberIds: [] });
    expect(await takeConferenceRequests({ switchId: "fs-ctl", limit: 10 })).toEqual([]);
    const modify = (await callbacksOf(a.callId)).find((p) => p.StatusCallbackEvent === "participant-modify");
    expect(modify).toBeUndefined(); // no statusCallback on this room
    const list = await findConferenceParticipants(t.actor, { conferenceId, coaching: true });
    expect(list.items.map((p) => p.callId)).toEqual([a.callId]);
  });

  it("end: the switch is asked to empty the room, which completes with conference-ended-via-api", async () => {
    const { t, a, b, conferenceId, room } = await liveRoom();
    const ending = await endConference(t.actor, { conferenceId });
    expect(ending).toMatchObject({ status: "IN_PROGRESS", reasonEnded: "conference-ended-via-api" });
    expect((await takeConferenceRequests({ switchId: "fs-ctl", limit: 10 })).map((r) => r.action)).toEqual(["end"]);
    for (const c of [a, b]) await applyConferenceEvent({ switchId: "fs-ctl", room, action: "del-member", channelUuid: c.channelUuid, memberId: null, at: new Date() });
    await applyConferenceEvent({ switchId: "fs-ctl", room, action: "conference-destroy", channelUuid: null, memberId: null, at: new Date() });
    expect(await getConference(t.actor, { conferenceId })).toMatchObject({ status: "COMPLETED", reasonEnded: "conference-ended-via-api" });
    expect((await findConferences(t.actor, { live: true })).items).toEqual([]);
    expect((await findConferences(t.actor, { status: "COMPLETED" })).items.map((c) => c.id)).toEqual([conferenceId]);
  });

  it("another tenant's conference and participants read as not found", async () => {
    const { a, conferenceId } = await liveRoom();
    const other = await createVoiceTenant();
    await expect(getConference(other.actor, { conferenceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getConferenceParticipant(other.actor, { conferenceId, callId: a.callId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateConferenceParticipant(other.actor, { conferenceId, callId: a.callId, muted: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(endConference(other.actor, { conferenceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await findConferences(other.actor)).items).toEqual([]);
  });

  it("adds a participant by dialling out: a queued call whose document joins the room", async () => {
    const t = await createVoiceTenant();
    const { conference, participant } = await addConferenceParticipant(t.actor, { conference: "sales", to: "+15005550100", from: t.number.e164, label: "expert", muted: true }, { surface: "native" });
    expect(conference).toMatchObject({ friendlyName: "sales", status: "INIT" });
    expect(participant).toMatchObject({ status: "QUEUED", label: "expert", muted: true });
    const call = await db.call.findUniqueOrThrow({ where: { id: participant.callId } });
    expect(call).toMatchObject({ status: "QUEUED", to: "+15005550100" });
    expect(call.instructions).toEqual([expect.objectContaining({ dial: [expect.objectContaining({ conference: "sales", muted: true, participantLabel: "expert" })] })]);
    // The room is found by its id too.
    const second = await addConferenceParticipant(t.actor, { conference: conference.id, to: "+15005550101", from: t.number.e164 }, { surface: "native" });
    expect(second.conference.id).toBe(conference.id);
  });
});

describe("settleConferences", () => {
  it("completes a dialled-out participant whose call was never answered, then the room nobody is left in", async () => {
    const t = await createVoiceTenant();
    const { conference, participant } = await addConferenceParticipant(t.actor, { conference: "no-answer", to: "+15005550300", from: t.number.e164, conferenceStatusCallback: "https://example.com/conf" }, { surface: "native" });
    expect(await settleConferences()).toMatchObject({ participants: 0 });
    await db.call.update({ where: { id: participant.callId }, data: { status: "NO_ANSWER", endedAt: new Date() } });
    const later = new Date(Date.now() + 60_000);
    const settled = await settleConferences({ now: later });
    expect(settled.participants).toBeGreaterThanOrEqual(1);
    expect(await getConferenceParticipant(t.actor, { conferenceId: conference.id, callId: participant.callId })).toMatchObject({ status: "COMPLETED" });
    expect(await getConference(t.actor, { conferenceId: conference.id })).toMatchObject({ status: "COMPLETED", reasonEnded: "last-participant-left" });
    expect((await callbacksOf(participant.callId)).map((p) => p.StatusCallbackEvent)).toEqual([]);
  });

  it("leaves a room alone while someone is in it or on their way", async () => {
    const t = await createVoiceTenant();
    const { conference } = await addConferenceParticipant(t.actor, { conference: "ringing", to: "+15005550300", from: t.number.e164 }, { surface: "native" });
    await settleConferences({ now: new Date(Date.now() + 60_000) });
    expect(await getConference(t.actor, { conferenceId: conference.id })).toMatchObject({ status: "INIT" });
  });
});
