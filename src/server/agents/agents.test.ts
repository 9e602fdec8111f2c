import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { moveAllowed } from "@/server/agents/agent-states";
import { changeMyAgentState } from "@/server/agents/change-my-agent-state";
import { endWrapUp } from "@/server/agents/end-wrap-up";
import { findAgents } from "@/server/agents/find-agents";
import { forceAgentState } from "@/server/agents/force-agent-state";
import { getMyAgent } from "@/server/agents/get-my-agent";
import { setAgentState } from "@/server/agents/set-agent-state";
import { newId } from "@/server/shared/ids";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { createTestTenant } from "@/test/factories";

describe("agent states", () => {
  it("the move table: the router rings only available agents, a call's end never makes an away agent available, the agent cannot leave a ringing phone by hand", () => {
    expect(moveAllowed("offer", "AVAILABLE", "RINGING")).toBe(true);
    expect(moveAllowed("offer", "AWAY", "RINGING")).toBe(false);
    expect(moveAllowed("ended", "AWAY", "AVAILABLE")).toBe(false);
    expect(moveAllowed("manual", "RINGING", "AVAILABLE")).toBe(false);
    expect(moveAllowed("manual", "ON_CALL", "OFFLINE")).toBe(false);
    expect(moveAllowed("supervisor", "ON_CALL", "OFFLINE")).toBe(true);
    expect(moveAllowed("unregistered", "ON_CALL", "OFFLINE")).toBe(false);
  });

  it("a member becomes an agent on first ask (offline), sets available and away with a reason of the tenant's list; each change is kept with its cause", async () => {
    const { actor } = await createTestTenant({ role: "AGENT" });
    const me = await getMyAgent(actor);
    expect(me).toMatchObject({ state: "offline", registered: false, callCapacity: 1, conversationCapacity: 3 });
    expect((await changeMyAgentState(actor, { state: "available" })).state).toBe("available");
    await expect(changeMyAgentState(actor, { state: "away", awayReasonId: "nope" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("awayReasonId") });
    const lunch = await db.awayReason.create({ data: { id: newId("awr"), tenantId: actor.tenantId, name: "Lunch" } });
    expect(await changeMyAgentState(actor, { state: "away", awayReasonId: lunch.id })).toMatchObject({ state: "away", awayReasonId: lunch.id });
    const history = await db.agentStateChange.findMany({ where: { agentId: me.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.fromState, h.toState, h.cause, h.byUserId])).toEqual([
      ["OFFLINE", "AVAILABLE", "manual", actor.userId],
      ["AVAILABLE", "AWAY", "manual", actor.userId],
    ]);
    expect(history[1]!.awayReasonId).toBe(lunch.id);
  });

  it("while the phone rings or a call is on, the agent's own change is refused with a 409 (the call decides); a supervisor may still log them out, audited", async () => {
    const { actor: owner } = await createTestTenant();
    const agent = await createTestAgent(owner, { username: "ringing-agent" });
    await db.$transaction((tx) => setAgentState(tx, { tenantId: owner.tenantId, agentId: agent.agentId, to: "RINGING", cause: "offer", callId: "CAx" }));
    await expect(changeMyAgentState(agent.actor, { state: "offline" })).rejects.toMatchObject({ code: "CONFLICT" });
    const forced = await forceAgentState(owner, { agentId: agent.agentId, state: "offline" });
    expect(forced).toMatchObject({ state: "offline", currentCallId: null });
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "agent.state.forced" } });
    expect(audit).toMatchObject({ actorUserId: owner.userId, targetId: agent.agentId, before: { state: "RINGING" }, after: { state: "OFFLINE" } });
    expect(await forceAgentState(owner, { agentId: agent.agentId, state: "available" })).toMatchObject({ state: "available" });
    await expect(forceAgentState(agent.actor, { agentId: agent.agentId, state: "away" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await findAgents(owner)).map((a) => a.id)).toContain(agent.agentId);
  });

  it("wrap-up ends with a disposition when the queue requires one (a 400 naming dispositionId without), the notes kept with the call", async () => {
    const { actor: owner } = await createTestTenant();
    const queue = await createTestQueue(owner.tenantId, "collections", { dispositionRequired: true });
    const agent = await createTestAgent(owner, { username: "wrapping-agent", queueIds: [queue.id] });
    await db.$transaction(async (tx) => {
      await setAgentState(tx, { tenantId: owner.tenantId, agentId: agent.agentId, to: "RINGING", cause: "offer", callId: "CAwrap", queueId: queue.id });
      await setAgentState(tx, { tenantId: owner.tenantId, agentId: agent.agentId, to: "ON_CALL", cause: "answered", callId: "CAwrap" });
      await setAgentState(tx, { tenantId: owner.tenantId, agentId: agent.agentId, to: "WRAP_UP", cause: "ended", wrapUpSeconds: 60 });
    });
    await expect(endWrapUp(agent.actor, { notes: "promised to pay" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("dispositionId") });
    const paid = await db.disposition.create({ data: { id: newId("dsp"), tenantId: owner.tenantId, code: "ptp", name: "Promise to pay" } });
    expect((await endWrapUp(agent.actor, { dispositionId: paid.id, notes: "promised to pay", next: "away" })).state).toBe("away");
    expect(await db.callWrapUp.findFirstOrThrow({ where: { agentId: agent.agentId } })).toMatchObject({ callId: "CAwrap", queueId: queue.id, dispositionId: paid.id, notes: "promised to pay" });
    await expect(endWrapUp(agent.actor, {})).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the softphone line", () => {
  it("is made on first ask for the member, served again unchanged, and a rotation changes the password (audited)", async () => {
    const { getSoftphoneCredentials, rotateSoftphonePassword } = await import("@/server/sip/get-softphone-credentials");
    const { actor } = await createTestTenant({ role: "AGENT" });
    const first = await getSoftphoneCredentials(actor);
    expect(first.username).toMatch(/^agent-[0-9a-f]{8}$/);
    expect(first.password.length).toBeGreaterThanOrEqual(24);
    expect(await getSoftphoneCredentials(actor)).toEqual(first);
    const rotated = await rotateSoftphonePassword(actor);
    expect(rotated).toMatchObject({ username: first.username, domain: first.domain });
    expect(rotated.password).not.toBe(first.password);
    expect(await db.sipUser.count({ where: { tenantId: actor.tenantId, userId: actor.userId } })).toBe(1);
    const audit = await db.auditLog.findMany({ where: { tenantId: actor.tenantId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["sip_user.created", "sip_user.password_rotated"]);
  });
});

describe("the agent's own view after a reload", () => {
  it("names the call the agent is on and wraps up (the customer's number, the queue), read through an agent's leg; none once available", async () => {
    const { actor: owner } = await createTestTenant();
    const queue = await createTestQueue(owner.tenantId, "reload-support", { wrapUpSeconds: 0 });
    const agent = await createTestAgent(owner, { username: "reload-agent", queueIds: [queue.id] });
    const callId = newId("CA");
    await db.call.create({ data: { id: callId, tenantId: owner.tenantId, direction: "INBOUND", from: "+14155550123", to: "+15005550100", status: "IN_PROGRESS" } });
    const legId = newId("CA");
    await db.call.create({ data: { id: legId, tenantId: owner.tenantId, parentCallId: callId, direction: "OUTBOUND_DIAL", from: "+14155550123", to: "client:reload-agent", status: "IN_PROGRESS" } });
    expect((await getMyAgent(agent.actor)).currentCall).toBeNull();

    await db.$transaction(async (tx) => {
      await setAgentState(tx, { tenantId: owner.tenantId, agentId: agent.agentId, to: "RINGING", cause: "offer", callId: legId, queueId: queue.id });
      await setAgentState(tx, { tenantId: owner.tenantId, agentId: agent.agentId, to: "ON_CALL", cause: "answered" });
    });
    expect(await getMyAgent(agent.actor)).toMatchObject({ state: "on-call", currentCall: { id: callId, direction: "inbound", remote: "+14155550123", queueName: "reload-support" } });

    await db.$transaction((tx) => setAgentState(tx, { tenantId: owner.tenantId, agentId: agent.agentId, to: "WRAP_UP", cause: "ended" }));
    expect((await getMyAgent(agent.actor)).currentCall).toMatchObject({ id: callId, remote: "+14155550123" });

    await endWrapUp(agent.actor, { dispositionId: null, notes: "" });
    expect(await getMyAgent(agent.actor)).toMatchObject({ state: "available", currentCall: null });
  });

  it("never names another tenant's call, even if the agent's row pointed at one", async () => {
    const { actor: owner } = await createTestTenant();
    const { tenant: other } = await createTestTenant();
    const foreign = newId("CA");
    await db.call.create({ data: { id: foreign, tenantId: other.id, direction: "INBOUND", from: "+14155550999", to: "+15005550100", status: "IN_PROGRESS" } });
    const agent = await createTestAgent(owner, { username: "foreign-call-agent" });
    await db.$transaction((tx) => setAgentState(tx, { tenantId: owner.tenantId, agentId: agent.agentId, to: "RINGING", cause: "offer", callId: foreign }));
    expect(await getMyAgent(agent.actor)).toMatchObject({ state: "ringing", currentCall: null });
  });
});
