// The callback use-cases on their own: a caller's press of 1 takes a callback only in a queue that offers them and
// only while nobody is offered the caller; a connected callback's end completes it and puts the agent in wrap-up for
// the call to the customer.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { endCallbackCall } from "@/server/acd/end-callback-call";
import { requestQueueCallback } from "@/server/acd/request-queue-callback";
import { newId, newSid } from "@/server/shared/ids";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { createVoiceTenant } from "@/test/call-fixtures";

async function waitingCall(tenantId: string, queueId: string, from: string, to: string, opts: { offeredAgentId?: string } = {}) {
  const callId = newSid("CA");
  await db.call.create({ data: { id: callId, tenantId, direction: "INBOUND", status: "IN_PROGRESS", from, to, apiSurface: "TWILIO", currency: "USD" } });
  await db.queueMember.create({ data: { id: newId("qm"), tenantId, queueId, callId, position: 1, enqueuedAt: new Date("2026-12-04T10:00:00Z"), offeredAgentId: opts.offeredAgentId ?? null } });
  return callId;
}

describe("queue callbacks", () => {
  it("pressing 1 takes a callback at the caller's place only where the queue offers them and nobody is offered the caller", async () => {
    const voice = await createVoiceTenant();
    const plain = await createTestQueue(voice.tenant.id, "no-callbacks");
    const offering = await createTestQueue(voice.tenant.id, "callbacks", { callbackOffer: true });
    const agent = await createTestAgent(voice.actor, { username: "cb-uc-agent" });
    const inPlain = await waitingCall(voice.tenant.id, plain.id, "+14155550111", voice.number.e164);
    expect(await requestQueueCallback({ tenantId: voice.tenant.id, callId: inPlain })).toEqual({ ok: false, why: "the queue offers no callback" });
    const ringing = await waitingCall(voice.tenant.id, offering.id, "+14155550112", voice.number.e164, { offeredAgentId: agent.agentId });
    expect(await requestQueueCallback({ tenantId: voice.tenant.id, callId: ringing })).toEqual({ ok: false, why: "the caller is not waiting" });
    const waiting = await waitingCall(voice.tenant.id, offering.id, "+14155550113", voice.number.e164);
    // Another tenant's call is not found.
    const other = await createVoiceTenant();
    expect((await requestQueueCallback({ tenantId: other.tenant.id, callId: waiting })).ok).toBe(false);

    const taken = await requestQueueCallback({ tenantId: voice.tenant.id, callId: waiting });
    expect(taken).toMatchObject({ ok: true, number: "+14155550113" });
    expect(await db.queueMember.count({ where: { callId: waiting } })).toBe(0);
    expect(await db.queueCallback.findFirstOrThrow({ where: { callId: waiting } })).toMatchObject({ queueId: offering.id, number: "+14155550113", callerId: voice.number.e164, enqueuedAt: new Date("2026-12-04T10:00:00Z"), status: "pending" });
    expect(await db.routingDecision.findFirstOrThrow({ where: { itemId: waiting } })).toMatchObject({ outcome: "callback-requested", agentId: null });
  });

  it("a connected callback's end completes it and puts the agent in wrap-up for the call to the customer", async () => {
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "cb-wrap", { callbackOffer: true, wrapUpSeconds: 45 });
    const agent = await createTestAgent(voice.actor, { username: "cb-wrap-agent", queueIds: [queue.id] });
    const callbackId = newId("qcb");
    await db.queueCallback.create({ data: { id: callbackId, tenantId: voice.tenant.id, queueId: queue.id, callId: newSid("CA"), number: "+14155550114", callerId: voice.number.e164, enqueuedAt: new Date(), status: "connected", attempts: 1, offeredAgentId: agent.agentId } });
    const legId = newSid("CA");
    const attemptId = newId("qca");
    await db.queueCallbackAttempt.create({ data: { id: attemptId, tenantId: voice.tenant.id, callbackId, agentId: agent.agentId, attempt: 1, outcome: "answered", callId: legId } });
    await db.agent.update({ where: { id: agent.agentId }, data: { state: "ON_CALL", currentCallId: callbackId, currentQueueId: queue.id } });

    await endCallbackCall({ tenantId: voice.tenant.id, callbackId, attemptId, agentId: agent.agentId });
    expect(await db.queueCallback.findUniqueOrThrow({ where: { id: callbackId } })).toMatchObject({ status: "completed" });
    expect((await db.queueCallbackAttempt.findUniqueOrThrow({ where: { id: attemptId } })).endedAt).not.toBeNull();
    const wrapping = await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } });
    expect(wrapping).toMatchObject({ state: "WRAP_UP", currentCallId: legId, currentQueueId: queue.id });
    expect(wrapping.wrapUpUntil!.getTime()).toBeGreaterThan(Date.now() + 40_000);
    // A second report of the same end changes nothing.
    await endCallbackCall({ tenantId: voice.tenant.id, callbackId, attemptId, agentId: agent.agentId });
    expect(await db.routingDecision.count({ where: { itemId: callbackId, outcome: "callback-completed" } })).toBe(1);
  });
});
