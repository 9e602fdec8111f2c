// The desktop's incoming-call details (get-my-offer.ts) and call history (find-my-calls.ts) against real PostgreSQL:
// a routed caller with a matching contact, the queue and when they joined it; a transfer naming its colleague; a
// consultation's leg showing the consulted caller; the history of answered, missed and placed calls with the
// wrap-up's disposition and notes, newest first, paged; another tenant's calls never show.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { findMyCalls } from "@/server/agents/find-my-calls";
import { getMyOffer } from "@/server/agents/get-my-offer";
import { newId, newSid } from "@/server/shared/ids";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { createVoiceTenant } from "@/test/call-fixtures";

async function call(tenantId: string, data: { from: string; to: string; direction?: "INBOUND" | "OUTBOUND_DIAL"; parentCallId?: string; status?: "IN_PROGRESS" | "COMPLETED" | "NO_ANSWER" | "RINGING"; answeredAt?: Date | null; durationSeconds?: number; createdAt?: Date }) {
  const id = newSid("CA");
  await db.call.create({
    data: { id, tenantId, direction: data.direction ?? "INBOUND", status: data.status ?? "COMPLETED", from: data.from, to: data.to, parentCallId: data.parentCallId ?? null, answeredAt: data.answeredAt ?? null, durationSeconds: data.durationSeconds ?? null, currency: "USD", createdAt: data.createdAt ?? new Date() },
  });
  return id;
}

async function contact(tenantId: string, name: string, phone: string, company: string | null = null) {
  const id = newId("ct");
  await db.contact.create({ data: { id, tenantId, displayName: name, company, tags: ["vip"] } });
  await db.contactIdentity.create({ data: { id: newId("cti"), tenantId, contactId: id, kind: "PHONE", value: phone } });
  return id;
}

describe("the desktop's incoming call and call history", () => {
  it("a routed caller: the contact, the queue and the wait; a transfer names who sent it; a consultation shows its caller", async () => {
    const voice = await createVoiceTenant();
    const tenantId = voice.tenant.id;
    const queue = await createTestQueue(tenantId, "billing");
    const me = await createTestAgent(voice.actor, { username: "offer-me", queueIds: [queue.id] });
    const colleague = await createTestAgent(voice.actor, { username: "offer-colleague", name: "Cole League" });
    expect(await getMyOffer(me.actor)).toBeNull();

    const contactId = await contact(tenantId, "Ada Lovelace", "+14155550161", "Analytical Engines");
    const caller = await call(tenantId, { from: "+14155550161", to: voice.number.e164, status: "IN_PROGRESS" });
    const joined = new Date(Date.now() - 95_000);
    await db.queueMember.create({ data: { id: newId("qm"), tenantId, queueId: queue.id, callId: caller, position: 1, enqueuedAt: joined, offeredAgentId: me.agentId, offeredAt: new Date() } });
    await db.agent.update({ where: { id: me.agentId }, data: { state: "RINGING", currentCallId: caller, currentQueueId: queue.id } });
    expect(await getMyOffer(me.actor)).toEqual({
      kind: "queue", callId: caller, number: "+14155550161",
      contact: { id: contactId, name: "Ada Lovelace", company: "Analytical Engines", tags: ["vip"] },
      queueName: "billing", waitingSince: joined, fromAgent: null,
    });

    // A colleague's transfer: the caller waits for this agent alone; the redirect's event names the colleague.
    await db.queueMember.updateMany({ where: { callId: caller }, data: { targetAgentId: me.agentId } });
    await db.callEvent.create({ data: { id: newId("cev"), callId: caller, tenantId, sequence: 5, type: "redirect.requested", occurredAt: new Date(), data: { transfer: { byAgentId: colleague.agentId, kind: "agent", to: me.agentId } } } });
    expect(await getMyOffer(me.actor)).toMatchObject({ kind: "transfer", fromAgent: "Cole League", contact: { name: "Ada Lovelace" } });

    // A consultation's leg: the consulted caller is shown, and who consults.
    const other = await call(tenantId, { from: "+14155550162", to: voice.number.e164, status: "IN_PROGRESS" });
    const leg = await call(tenantId, { from: "+14155550162", to: "client:offer-me", direction: "OUTBOUND_DIAL", parentCallId: other, status: "RINGING" });
    await db.callConsult.create({ data: { id: newId("cst"), tenantId, callId: other, conferenceId: "CFx", byAgentId: colleague.agentId, agentCallId: "CAy", customerCallId: other, targetKind: "agent", targetAgentId: me.agentId, targetLabel: "me", targetCallId: leg, status: "consulting" } });
    await db.agent.update({ where: { id: me.agentId }, data: { currentCallId: leg, currentQueueId: null } });
    expect(await getMyOffer(me.actor)).toMatchObject({ kind: "consult", callId: other, number: "+14155550162", contact: null, queueName: null, waitingSince: null, fromAgent: "Cole League" });

    // Another tenant's member sees nothing of it.
    const them = await createVoiceTenant();
    const theirs = await createTestAgent(them.actor, { username: "offer-them" });
    expect(await getMyOffer(theirs.actor)).toBeNull();
  });

  it("history: answered, missed and placed calls, newest first, with contact, queue and wrap-up; paged; nobody else's", async () => {
    const voice = await createVoiceTenant();
    const tenantId = voice.tenant.id;
    const queue = await createTestQueue(tenantId, "sales");
    const me = await createTestAgent(voice.actor, { username: "hist-me", queueIds: [queue.id] });
    const other = await createTestAgent(voice.actor, { username: "hist-other" });
    await contact(tenantId, "Grace Hopper", "+14155550171");
    const t = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);

    const answered = await call(tenantId, { from: "+14155550171", to: voice.number.e164, createdAt: t(30) });
    const answeredLeg = await call(tenantId, { from: "+14155550171", to: "client:hist-me", direction: "OUTBOUND_DIAL", parentCallId: answered, answeredAt: t(29), durationSeconds: 125, createdAt: t(30) });
    await db.queueOutcome.create({ data: { id: newId("qo"), tenantId, queueId: queue.id, itemKind: "call", itemId: answered, agentId: me.agentId, enqueuedAt: t(31), answeredAt: t(29), endedAt: t(27), result: "answered", waitSeconds: 60 } });
    const disposition = await db.disposition.create({ data: { id: newId("dsp"), tenantId, code: "SOLD", name: "Sale made" } });
    await db.callWrapUp.create({ data: { id: newId("wu"), tenantId, agentId: me.agentId, callId: answered, queueId: queue.id, dispositionId: disposition.id, notes: "Wants the blue one", startedAt: t(27), endedAt: t(26) } });

    const missed = await call(tenantId, { from: "+14155550172", to: voice.number.e164, createdAt: t(20) });
    const missedLeg = await call(tenantId, { from: "+14155550172", to: "client:hist-me", direction: "OUTBOUND_DIAL", parentCallId: missed, status: "NO_ANSWER", createdAt: t(20) });
    // A call the agent placed from their line: inbound from client:<line>, its child the number dialled.
    const placed = await call(tenantId, { from: "client:hist-me", to: "+15005550199", durationSeconds: 40, createdAt: t(10) });
    await call(tenantId, { from: voice.number.e164, to: "+15005550199", direction: "OUTBOUND_DIAL", parentCallId: placed, answeredAt: t(10), durationSeconds: 38, createdAt: t(10) });
    // Someone else's calls.
    const theirs = await call(tenantId, { from: "+14155550173", to: voice.number.e164, createdAt: t(5) });
    await call(tenantId, { from: "+14155550173", to: "client:hist-other", direction: "OUTBOUND_DIAL", parentCallId: theirs, answeredAt: t(5), createdAt: t(5) });

    const page = await findMyCalls(me.actor, {});
    expect(page.items.map((r) => [r.id, r.callId, r.direction, r.number, r.outcome])).toEqual([
      [placed, placed, "outbound", "+15005550199", "completed"],
      [missedLeg, missed, "inbound", "+14155550172", "missed"],
      [answeredLeg, answered, "inbound", "+14155550171", "answered"],
    ]);
    expect(page.items[2]).toMatchObject({ contact: { name: "Grace Hopper" }, queueName: "sales", durationSeconds: 125, disposition: "Sale made", notes: "Wants the blue one" });
    expect(page.items[1]).toMatchObject({ contact: null, disposition: null, notes: null });
    expect(page).toMatchObject({ hasMore: false, nextCursor: null });

    const first = await findMyCalls(me.actor, { limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([placed, missedLeg]);
    expect(first.nextCursor).toBe(missedLeg);
    const second = await findMyCalls(me.actor, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((r) => r.id)).toEqual([answeredLeg]);
    expect(second.hasMore).toBe(false);

    // Another member's or tenant's call as a cursor names the field; their history is their own.
    await expect(findMyCalls(me.actor, { cursor: theirs })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await findMyCalls(other.actor, {})).items).toHaveLength(1);
    const stranger = await createVoiceTenant();
    const strangerAgent = await createTestAgent(stranger.actor, { username: "hist-me" });
    expect((await findMyCalls(strangerAgent.actor, {})).items).toEqual([]);
  });
});
