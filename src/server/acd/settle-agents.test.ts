// Callbacks whose worker died mid-way are settled: one whose agent's phone was ringing, or whose customer was being
// called, waits again at its place (the unfinished call kept as a failed attempt), and its agent is free again.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { settleAgents } from "@/server/acd/settle-agents";
import { newId } from "@/server/shared/ids";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { createTestTenant } from "@/test/factories";

describe("settling callbacks a worker left behind", () => {
  it("an offered or dialling callback past the longest ring waits again at its place, its agent available; a recent one is left alone", async () => {
    const { actor: owner } = await createTestTenant();
    const queue = await createTestQueue(owner.tenantId, "settle-cb", { callbackOffer: true });
    const ringing = await createTestAgent(owner, { username: "settle-ringing", queueIds: [queue.id] });
    const talking = await createTestAgent(owner, { username: "settle-dialing", queueIds: [queue.id] });
    const fresh = await createTestAgent(owner, { username: "settle-fresh", queueIds: [queue.id] });
    const base = { tenantId: owner.tenantId, queueId: queue.id, callerId: "+14155550100", enqueuedAt: new Date() };
    const offered = await db.queueCallback.create({ data: { ...base, id: newId("qcb"), callId: newId("CA"), number: "+14155550101", status: "offered", offeredAgentId: ringing.agentId, offeredAt: new Date() } });
    const dialing = await db.queueCallback.create({ data: { ...base, id: newId("qcb"), callId: newId("CA"), number: "+14155550102", status: "dialing", attempts: 1, offeredAgentId: talking.agentId, offeredAt: new Date() } });
    await db.queueCallbackAttempt.create({ data: { id: newId("qca"), tenantId: owner.tenantId, callbackId: dialing.id, agentId: talking.agentId, attempt: 1 } });
    await db.agent.update({ where: { id: ringing.agentId }, data: { state: "RINGING", currentCallId: offered.id } });
    await db.agent.update({ where: { id: talking.agentId }, data: { state: "ON_CALL", currentCallId: dialing.id } });

    // Now: nothing is stale yet.
    await settleAgents({ tenantIds: [owner.tenantId] });
    expect((await db.queueCallback.findUniqueOrThrow({ where: { id: offered.id } })).status).toBe("offered");
    const recent = await db.queueCallback.create({ data: { ...base, id: newId("qcb"), callId: newId("CA"), number: "+14155550103", status: "offered", offeredAgentId: fresh.agentId, offeredAt: new Date(Date.now() + 170_000) } });

    await settleAgents({ tenantIds: [owner.tenantId], now: new Date(Date.now() + 160_000) });
    expect(await db.queueCallback.findUniqueOrThrow({ where: { id: offered.id } })).toMatchObject({ status: "pending", offeredAgentId: null, lastOutcome: "agent-missed", enqueuedAt: base.enqueuedAt });
    expect(await db.queueCallback.findUniqueOrThrow({ where: { id: dialing.id } })).toMatchObject({ status: "pending", offeredAgentId: null, lastOutcome: "failed", attempts: 1 });
    expect(await db.queueCallbackAttempt.findFirstOrThrow({ where: { callbackId: dialing.id } })).toMatchObject({ outcome: "failed", hangupCause: "LOST" });
    for (const agent of [ringing, talking]) expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "AVAILABLE", currentCallId: null });
    expect((await db.queueCallback.findUniqueOrThrow({ where: { id: recent.id } })).status).toBe("offered");
  });
});
