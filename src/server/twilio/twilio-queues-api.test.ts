// The official twilio npm library against the Queues and Members resources of /2010-04-01 (served by
// src/test/app-route-server.ts): create, list, fetch, update and delete a queue; the callers waiting in it in line,
// the front one, and the dequeue that redirects a member's call (the live change the worker carries out).
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTwilioCredentials } from "@/server/account/get-twilio-credentials";
import { db } from "@/server/db";
import { newId, newSid } from "@/server/shared/ids";
import { startAppRouteServer } from "@/test/app-route-server";
import { createTestTenant } from "@/test/factories";
import { LocalRequestClient } from "@/test/twilio-local-client";

let server: Awaited<ReturnType<typeof startAppRouteServer>>;
beforeAll(async () => {
  server = await startAppRouteServer("2010-04-01");
});
afterAll(async () => {
  await server.close();
});

async function account() {
  const t = await createTestTenant();
  const { accountSid, authToken } = await getTwilioCredentials(t.actor);
  return { ...t, client: twilio(accountSid, authToken, { accountSid, httpClient: new LocalRequestClient(server.baseUrl) }) };
}

describe("Twilio Queues and Members", () => {
  it("creates, lists, fetches, updates and deletes a queue; a bad MaxSize and a missing FriendlyName are 400s naming them", async () => {
    const { client } = await account();
    const queue = await client.queues.create({ friendlyName: "support", maxSize: 25 });
    expect(queue).toMatchObject({ friendlyName: "support", maxSize: 25, currentSize: 0, averageWaitTime: 0 });
    expect(queue.sid).toMatch(/^QU[0-9a-f]{32}$/);
    expect((await client.queues.list()).map((q) => q.friendlyName)).toEqual(["support"]);
    expect(await client.queues(queue.sid).fetch()).toMatchObject({ sid: queue.sid, friendlyName: "support" });
    expect(await client.queues(queue.sid).update({ friendlyName: "care", maxSize: 50 })).toMatchObject({ friendlyName: "care", maxSize: 50 });
    await expect(client.queues.create({ friendlyName: "x", maxSize: 9999 })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("MaxSize") });
    await expect(client.queues.create({ friendlyName: "" })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("FriendlyName") });
    expect(await client.queues(queue.sid).remove()).toBe(true);
    await expect(client.queues(queue.sid).fetch()).rejects.toMatchObject({ status: 404 });
  });

  it("lists the callers waiting in line, fetches one and the front, and dequeues the front to a URL (its call redirected)", async () => {
    const t = await account();
    const queue = await t.client.queues.create({ friendlyName: "line" });
    const calls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const call = await db.call.create({ data: { id: newSid("CA"), tenantId: t.tenant.id, direction: "INBOUND", status: "IN_PROGRESS", from: "+14155550100", to: "+14155550199", switchId: "fs-q", channelUuid: newId("uuid"), statusCallbackEvents: [] } });
      await db.queueMember.create({ data: { id: newId("qm"), tenantId: t.tenant.id, queueId: queue.sid, callId: call.id, position: i + 1, enqueuedAt: new Date(Date.now() - (2 - i) * 30_000) } });
      calls.push(call.id);
    }
    const members = await t.client.queues(queue.sid).members.list();
    expect(members.map((m) => [m.callSid, m.position])).toEqual([
      [calls[0], 1],
      [calls[1], 2],
    ]);
    expect(members[0]!.waitTime).toBeGreaterThanOrEqual(59);
    expect((await t.client.queues(queue.sid).fetch()).currentSize).toBe(2);
    expect((await t.client.queues(queue.sid).members("Front").fetch()).callSid).toBe(calls[0]);
    expect((await t.client.queues(queue.sid).members(calls[1]!).fetch()).position).toBe(2);
    // Dequeue the front: its call is redirected to the URL (the worker runs it and takes the caller out of the line).
    const dequeued = await t.client.queues(queue.sid).members("Front").update({ url: "https://app.example.com/agent-ready", method: "GET" });
    expect(dequeued.callSid).toBe(calls[0]);
    expect(await db.call.findUniqueOrThrow({ where: { id: calls[0] } })).toMatchObject({ redirectRequestedAt: expect.any(Date) });
    await expect(t.client.queues(queue.sid).members("CA00000000000000000000000000000000").fetch()).rejects.toMatchObject({ status: 404 });
    // A queue with callers cannot be deleted.
    await expect(t.client.queues(queue.sid).remove()).rejects.toMatchObject({ status: 409 });
  });
});
