// Blind transfers from the agent desktop on the simulator (the real switch: freeswitch/real-switch/transfer.test.ts):
// the agent on an ACD call sends the caller to another agent (only that agent is offered it), to a queue, or to a
// number (dialled with the number the caller called); the agent's leg ends and they go to wrap-up; the call's events
// name the transfer. And an agent's line answering a direct <Dial><Client> is on that call for the router too.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { transferAgentCall } from "@/server/agents/transfer-agent-call";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { createVoiceTenant } from "@/test/call-fixtures";
import { twiml, useCallControlStage } from "./call-control-stage";
import { placeCall, waitFor, waitForFinalCall } from "./test-harness";

const stage = useCallControlStage({ switchId: "fs-transfer-sim" });
const { routes, requestsTo } = stage;

const decisions = async (callId: string) => (await db.routingDecision.findMany({ where: { itemId: callId }, orderBy: { at: "asc" } })).map((d) => ({ outcome: d.outcome, agentId: d.agentId, reason: d.reason }));
const onCall = (agentId: string) => waitFor("the agent on the call", () => db.agent.findFirst({ where: { id: agentId, state: "ON_CALL" } }), 15_000);

// Simulator far ends by user part (freeswitch/simulator/magic-numbers.ts): 15005550100 answers and stays up,
// 150055501NN answers and hangs up NN simulated seconds later.
describe("blind transfers on the simulator", () => {
  it("to another agent: the caller waits for that agent alone (a longer-idle agent of the queue is passed over), the first agent goes to wrap-up", async () => {
    routes.set("/xfer-enqueue", () => twiml('<Enqueue action="/xfer-after">support</Enqueue>'));
    routes.set("/xfer-after", () => twiml("<Hangup/>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "support", { wrapUpSeconds: 30 });
    const first = await createTestAgent(voice.actor, { username: "15005550100", queueIds: [queue.id], idleSince: new Date(Date.now() - 60_000) });
    const second = await createTestAgent(voice.actor, { username: "15005550105", name: "Bea", queueIds: [queue.id], idleSince: new Date() });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/xfer-enqueue") });
    await onCall(first.agentId);
    // An agent idle for longer than anyone joins the queue now: a routed caller would go to them, a transferred one not.
    const idle = await createTestAgent(voice.actor, { username: "agent-idle", queueIds: [queue.id], idleSince: new Date(Date.now() - 3_600_000) });

    const result = await transferAgentCall(first.actor, { target: { kind: "agent", agentId: second.agentId } });
    expect(result).toEqual({ callId: caller.id, target: { kind: "agent", id: second.agentId, label: "Bea" } });

    expect((await waitForFinalCall(caller.id, 30_000)).status).toBe("COMPLETED");
    const log = await decisions(caller.id);
    expect(log.map((d) => [d.outcome, d.agentId])).toEqual([
      ["offered", first.agentId],
      ["answered", first.agentId],
      ["offered", second.agentId],
      ["answered", second.agentId],
    ]);
    expect(log[2]!.reason).toBe(`transfer: meant for agent ${second.agentId}`);
    const legs = await db.call.findMany({ where: { parentCallId: caller.id }, orderBy: { createdAt: "asc" } });
    expect(legs.map((l) => l.to)).toEqual(["client:15005550100", "client:15005550105"]);
    expect(await db.routingDecision.count({ where: { agentId: idle.agentId } })).toBe(0);
    // The first agent's part ended with the transfer: wrap-up, the call still theirs to note.
    expect(await db.agent.findUniqueOrThrow({ where: { id: first.agentId } })).toMatchObject({ state: "WRAP_UP", currentCallId: caller.id });
    const event = await db.callEvent.findFirstOrThrow({ where: { callId: caller.id, type: "redirect.requested" } });
    expect(event.data).toMatchObject({ userId: first.userId, transfer: { byAgentId: first.agentId, kind: "agent", to: second.agentId } });
    // The Enqueue's action heard how the caller left the first queue: bridged (to the first agent).
    expect(requestsTo("/xfer-after", caller.id).map((r) => r.QueueResult)).toEqual(["bridged"]);
  });

  it("to a queue: the caller joins it and its agents take it; to a number: the caller is dialled through showing the number they called", async () => {
    routes.set("/xq-enqueue", () => twiml("<Enqueue>front</Enqueue>"));
    const voice = await createVoiceTenant();
    const front = await createTestQueue(voice.tenant.id, "front", { wrapUpSeconds: 0 });
    const billing = await createTestQueue(voice.tenant.id, "billing", { wrapUpSeconds: 0 });
    const agent = await createTestAgent(voice.actor, { username: "15005550100", queueIds: [front.id] });
    const biller = await createTestAgent(voice.actor, { username: "15005550104", queueIds: [billing.id] });

    const toQueue = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/xq-enqueue") });
    await onCall(agent.agentId);
    expect(await transferAgentCall(agent.actor, { target: { kind: "queue", queueId: billing.id } })).toMatchObject({ target: { kind: "queue", id: billing.id, label: "billing" } });
    expect((await waitForFinalCall(toQueue.id, 30_000)).status).toBe("COMPLETED");
    expect((await decisions(toQueue.id)).map((d) => [d.outcome, d.agentId])).toEqual([
      ["offered", agent.agentId],
      ["answered", agent.agentId],
      ["offered", biller.agentId],
      ["answered", biller.agentId],
    ]);
    await waitFor("the agent free again", () => db.agent.findFirst({ where: { id: agent.agentId, state: "AVAILABLE" } }));

    const toNumber = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/xq-enqueue") });
    await onCall(agent.agentId);
    expect(await transferAgentCall(agent.actor, { target: { kind: "number", number: "+15005550103" } })).toMatchObject({ target: { kind: "number", id: null, label: "+15005550103" } });
    expect((await waitForFinalCall(toNumber.id, 30_000)).status).toBe("COMPLETED");
    const legs = await db.call.findMany({ where: { parentCallId: toNumber.id }, orderBy: { createdAt: "asc" } });
    expect(legs.map((l) => [l.to, l.from])).toEqual([
      ["client:15005550100", voice.number.e164],
      ["+15005550103", voice.number.e164],
    ]);
    expect(legs[1]!.status).toBe("COMPLETED");
  });

  it("refuses what cannot be done, naming why: no call, oneself, an offline agent, a caller ID the account does not own, a bad number", async () => {
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "refusals");
    const me = await createTestAgent(voice.actor, { username: "agent-me", queueIds: [queue.id] });
    const away = await createTestAgent(voice.actor, { username: "agent-off", name: "Otto", queueIds: [queue.id], state: "OFFLINE", registered: false });
    const loner = await createTestAgent(voice.actor, { username: "agent-loner", name: "Lena" });
    await expect(transferAgentCall(me.actor, { target: { kind: "queue", queueId: queue.id } })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/not on a call/) });
    const call = await db.call.create({ data: { id: `CA${"9".repeat(32)}`, tenantId: voice.tenant.id, direction: "INBOUND", from: "+15005550111", to: voice.number.e164, status: "IN_PROGRESS" } });
    await db.agent.update({ where: { id: me.agentId }, data: { state: "ON_CALL", currentCallId: call.id, currentQueueId: queue.id } });
    await expect(transferAgentCall(me.actor, { target: { kind: "agent", agentId: me.agentId } })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^target\.agentId: that is you/) });
    await expect(transferAgentCall(me.actor, { target: { kind: "agent", agentId: away.agentId } })).rejects.toMatchObject({ code: "CONFLICT", message: "Otto is offline: their phone cannot take the call" });
    await expect(transferAgentCall(me.actor, { target: { kind: "agent", agentId: loner.agentId } })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^target\.agentId: Lena serves no queue/) });
    await expect(transferAgentCall(me.actor, { target: { kind: "agent", agentId: "ag_nobody" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(transferAgentCall(me.actor, { target: { kind: "number", number: "+15005550103", callerId: "+19995550100" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^target\.callerId: \+19995550100 is not a number/) });
    await expect(transferAgentCall(me.actor, { target: { kind: "number", number: "0800 FLOWERS" } })).rejects.toThrow(/E\.164/);
    // Nothing was asked of the call.
    expect(await db.call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ redirectRequest: null });
  });

  it("an agent's line answering a direct <Dial><Client> (no queue) puts the agent on that call: the router offers them nothing until it ends, then frees them", async () => {
    routes.set("/direct", () => twiml("<Dial><Client>15005550140</Client></Dial>"));
    routes.set("/direct-queued", () => twiml("<Enqueue>after-direct</Enqueue>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "after-direct", { wrapUpSeconds: 0 });
    // 15005550140 answers and hangs up forty simulated seconds (two real ones) later.
    const agent = await createTestAgent(voice.actor, { username: "15005550140", queueIds: [queue.id] });
    const direct = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/direct") });
    const onDirect = await waitFor("the agent on the direct call", () => db.agent.findFirst({ where: { id: agent.agentId, state: "ON_CALL" } }), 15_000);
    const leg = await db.call.findFirstOrThrow({ where: { parentCallId: direct.id } });
    expect(onDirect).toMatchObject({ currentCallId: leg.id, currentQueueId: null });
    // A caller queued meanwhile waits: the agent is busy.
    const queued = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/direct-queued") });
    await waitFor("the caller waiting", () => db.queueMember.findUnique({ where: { callId: queued.id } }));
    await new Promise((r) => setTimeout(r, 500));
    expect(await db.routingDecision.count({ where: { itemId: queued.id } })).toBe(0);
    // The direct call ends: the agent is free and takes the waiting caller.
    expect((await waitForFinalCall(direct.id, 30_000)).status).toBe("COMPLETED");
    await waitFor("the waiting caller offered to the agent", () => db.routingDecision.findFirst({ where: { itemId: queued.id, agentId: agent.agentId, outcome: "offered" } }), 15_000);
    expect((await db.agentStateChange.findMany({ where: { agentId: agent.agentId }, orderBy: { at: "asc" } })).map((c) => `${c.cause}:${c.toState}`).slice(0, 3)).toEqual(["answered:ON_CALL", "reconciled:AVAILABLE", "offer:RINGING"]);
    const { updateCall } = await import("@/server/calls/update-call");
    await updateCall(voice.actor, { callId: queued.id, status: "completed" });
  });
});
