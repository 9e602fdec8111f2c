// The official twilio npm library against the Conferences and Participants resources of /2010-04-01, and the same
// rooms through the native /api/v1/conferences (both served by src/test/app-route-server.ts): list with filters,
// fetch, update (mute, hold, coach, end), remove, and a participant added by dialling out.
import { randomInt, randomUUID } from "node:crypto";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTwilioCredentials } from "@/server/account/get-twilio-credentials";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { applyConferenceEvent } from "@/server/conferences/apply-conference-event";
import { joinConference } from "@/server/conferences/join-conference";
import { takeConferenceRequests } from "@/server/conferences/take-conference-requests";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { startAppRouteServer } from "@/test/app-route-server";
import { createTestTenant } from "@/test/factories";
import { LocalRequestClient } from "@/test/twilio-local-client";

type Server = Awaited<ReturnType<typeof startAppRouteServer>>;
let twilioServer: Server;
let apiServer: Server;

beforeAll(async () => {
  twilioServer = await startAppRouteServer("2010-04-01");
  apiServer = await startAppRouteServer("api/v1");
});
afterAll(async () => {
  await twilioServer.close();
  await apiServer.close();
});

/** An account with a number and a running room "standup" on switch fs-tw: two callers connected (member ids 1, 2). */
async function accountWithRoom() {
  const t = await createTestTenant();
  const from = `+1415${randomInt(2_000_000, 9_999_999)}`;
  await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: t.tenant.id, e164: from, origin: "ASSIGNED" } });
  const { accountSid, authToken } = await getTwilioCredentials(t.actor);
  const room = `${t.tenant.id}-standup`;
  const calls: { id: string; uuid: string }[] = [];
  for (const memberId of [1, 2]) {
    const uuid = randomUUID();
    const call = await db.call.create({ data: { id: newSid("CA"), tenantId: t.tenant.id, direction: "INBOUND", status: "IN_PROGRESS", from: "+14155550100", to: from, switchId: "fs-tw", channelUuid: uuid, statusCallbackEvents: [] } });
    await joinConference({
      tenantId: t.tenant.id,
      callId: call.id,
      switchId: "fs-tw",
      friendlyName: "standup",
      room,
      label: memberId === 1 ? "host" : null,
      muted: false,
      startConferenceOnEnter: true,
      endConferenceOnExit: memberId === 1,
      callSidToCoach: null,
      maxParticipants: 250,
      statusCallback: null,
      recordingPath: null,
      recordingStatusCallback: null,
    });
    await applyConferenceEvent({ switchId: "fs-tw", room, action: "add-member", channelUuid: uuid, memberId, at: new Date() });
    calls.push({ id: call.id, uuid });
  }
  const conference = await db.conference.findFirstOrThrow({ where: { tenantId: t.tenant.id } });
  const client = twilio(accountSid, authToken, { httpClient: new LocalRequestClient(twilioServer.baseUrl) });
  return { ...t, from, accountSid, client, conference, calls, room };
}

describe("Twilio's Conferences and Participants through the twilio library", () => {
  it("lists and fetches rooms with Twilio's fields and filters", async () => {
    const { client, conference, accountSid } = await accountWithRoom();
    const listed = await client.conferences.list({ status: "in-progress", friendlyName: "standup" });
    expect(listed.map((c) => c.sid)).toEqual([conference.id]);
    expect(await client.conferences.list({ status: "completed" })).toEqual([]);
    const fetched = await client.conferences(conference.id).fetch();
    expect(fetched).toMatchObject({ sid: conference.id, accountSid, friendlyName: "standup", status: "in-progress", apiVersion: "2010-04-01", reasonConferenceEnded: null });
    expect(fetched.dateCreated).toBeInstanceOf(Date);
    expect(fetched.subresourceUris).toMatchObject({ participants: `/2010-04-01/Accounts/${accountSid}/Conferences/${conference.id}/Participants.json` });
  });

  it("participants: list with filters, fetch, mute and hold, coach, remove: each a request for the room's switch", async () => {
    const { client, conference, calls, room } = await accountWithRoom();
    const host = calls[0]!;
    const guest = calls[1]!;
    const participants = await client.conferences(conference.id).participants.list();
    expect(participants.map((p) => p.callSid).sort()).toEqual([host.id, guest.id].sort());
    expect(participants.find((p) => p.callSid === host.id)).toMatchObject({ label: "host", endConferenceOnExit: true, muted: false, hold: false, coaching: false, status: "connected", conferenceSid: conference.id });

    const muted = await client.conferences(conference.id).participants(guest.id).update({ muted: true, hold: true });
    expect(muted).toMatchObject({ callSid: guest.id, muted: true, hold: true });
    expect((await client.conferences(conference.id).participants.list({ muted: true })).map((p) => p.callSid)).toEqual([guest.id]);
    const coach = await client.conferences(conference.id).participants(host.id).update({ coaching: true, callSidToCoach: guest.id });
    expect(coach).toMatchObject({ coaching: true, callSidToCoach: guest.id });
    expect(await client.conferences(conference.id).participants(guest.id).remove()).toBe(true);

    const taken = await takeConferenceRequests({ switchId: "fs-tw", limit: 20 });
    expect(taken.map((r) => `${r.action} ${r.memberId}`)).toEqual(["mute 2", "hold 2", "coach 1", "kick 2"]);
    expect(taken.every((r) => r.room === room)).toBe(true);
  });

  it("ends a room with Status=completed; refuses what it cannot do with Twilio's codes", async () => {
    const { client, conference } = await accountWithRoom();
    const ended = await client.conferences(conference.id).update({ status: "completed" });
    expect(ended).toMatchObject({ sid: conference.id, reasonConferenceEnded: "conference-ended-via-api" });
    expect((await takeConferenceRequests({ switchId: "fs-tw", limit: 20 })).map((r) => r.action)).toEqual(["end"]);
    await expect(client.conferences(conference.id).update({ announceUrl: "https://example.com/a" })).rejects.toMatchObject({ status: 400, code: 20001 });
    await expect(client.conferences("CF" + "0".repeat(32)).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it("adds a participant by dialling out, to a room by sid or by name", async () => {
    const { client, conference, from, accountSid } = await accountWithRoom();
    const added = await client.conferences(conference.id).participants.create({ from, to: "+15005550100", label: "expert", muted: true, earlyMedia: true, conferenceStatusCallback: "https://example.com/conf", conferenceStatusCallbackEvent: ["join", "leave"] });
    expect(added).toMatchObject({ accountSid, conferenceSid: conference.id, label: "expert", muted: true, status: "queued" });
    const call = await db.call.findUniqueOrThrow({ where: { id: added.callSid } });
    expect(call).toMatchObject({ status: "QUEUED", to: "+15005550100", apiSurface: "twilio" });
    const byName = await client.conferences("brand-new-room").participants.create({ from, to: "+15005550100" });
    const fresh = await db.conference.findUniqueOrThrow({ where: { id: byName.conferenceSid } });
    expect(fresh).toMatchObject({ friendlyName: "brand-new-room", status: "INIT" });
    await expect(client.conferences(conference.id).participants.create({ from, to: "" } as never)).rejects.toMatchObject({ status: 400 });
  });
});

describe("/api/v1/conferences", () => {
  it("lists, fetches and mutes through the native API with an API key", async () => {
    const { conference, calls, ...t } = await accountWithRoom();
    const { bearerToken } = await createApiKey(t.actor, { name: "k", scopes: ["*"] });
    const call = (method: string, p: string, body?: unknown) =>
      fetch(`${apiServer.baseUrl}${p}`, { method, headers: { authorization: `Bearer ${bearerToken}`, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const list = (await (await call("GET", "/api/v1/conferences?status=in-progress")).json()) as { data: { id: string; participant_count: number }[] };
    expect(list.data).toEqual([expect.objectContaining({ id: conference.id, participant_count: 2 })]);
    const participants = (await (await call("GET", `/api/v1/conferences/${conference.id}/participants`)).json()) as { data: { call_id: string; status: string }[] };
    expect(participants.data.map((p) => p.status)).toEqual(["connected", "connected"]);
    const muted = await call("POST", `/api/v1/conferences/${conference.id}/participants/${calls[1]!.id}`, { muted: true });
    expect(muted.status).toBe(200);
    expect(await muted.json()).toMatchObject({ call_id: calls[1]!.id, muted: true });
    const bad = await call("POST", `/api/v1/conferences/${conference.id}/participants/${calls[1]!.id}`, {});
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("muted");
    const ended = await call("POST", `/api/v1/conferences/${conference.id}`, { status: "completed" });
    expect(await ended.json()).toMatchObject({ id: conference.id, reason_ended: "conference-ended-via-api" });
  });
});
