import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { findQueueMetrics } from "@/server/acd/find-queue-metrics";
import { summarizeQueueWindow } from "@/server/acd/summarize-queue-window";
import { createListItem } from "@/server/contact-centre/create-list-item";
import { createQueue } from "@/server/contact-centre/create-queue";
import { findListItems } from "@/server/contact-centre/find-list-items";
import { findQueueCallbacks } from "@/server/contact-centre/find-queue-callbacks";
import { getQueue } from "@/server/contact-centre/get-queue";
import { removeListItem } from "@/server/contact-centre/remove-list-item";
import { renameListItem } from "@/server/contact-centre/rename-list-item";
import { setQueueSkills } from "@/server/contact-centre/set-queue-skills";
import { updateAgent } from "@/server/contact-centre/update-agent";
import { updateQueue } from "@/server/contact-centre/update-queue";
import { newId } from "@/server/shared/ids";
import { createTestAgent } from "@/test/agent-fixtures";
import { createTestTenant } from "@/test/factories";

const at = (hhmm: string) => new Date(`2026-12-04T${hhmm}:00.000Z`);

describe("contact-centre lists", () => {
  it("skills, away reasons and dispositions: a taken name or code is a 409 naming the field; rename audited; used codes are archived, unused deleted; agents may not change them", async () => {
    const { actor: owner } = await createTestTenant();
    const billing = await createListItem(owner, { kind: "skill", name: "Billing" });
    await expect(createListItem(owner, { kind: "skill", name: "billing" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^name: /) });
    await createListItem(owner, { kind: "disposition", code: "sale", name: "Sale" });
    await expect(createListItem(owner, { kind: "disposition", code: "SALE", name: "Another" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^code: /) });
    const spanish = await createListItem(owner, { kind: "skill", name: "Spanish" });
    await expect(renameListItem(owner, { kind: "skill", id: spanish.id, name: "Billing" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await renameListItem(owner, { kind: "skill", id: spanish.id, name: "Español" })).toEqual({ id: spanish.id, name: "Español" });
    expect(await db.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "skill.renamed" } })).toMatchObject({ before: { name: "Spanish" }, after: { name: "Español" } });

    const agent = await createTestAgent(owner, { username: "lists-agent" });
    await expect(createListItem(agent.actor, { kind: "awayReason", name: "Nap" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await updateAgent(owner, { agentId: agent.agentId, skills: [{ skillId: billing.id, level: 7 }] });
    await expect(removeListItem(owner, { kind: "skill", id: billing.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("1 agent") });
    expect(await removeListItem(owner, { kind: "skill", id: spanish.id })).toMatchObject({ outcome: "deleted" });

    const sale = (await findListItems(owner, "disposition"))[0]!;
    await db.callWrapUp.create({ data: { id: newId("wu"), tenantId: owner.tenantId, agentId: agent.agentId, dispositionId: sale.id } });
    expect(await removeListItem(owner, { kind: "disposition", id: sale.id })).toMatchObject({ outcome: "archived" });
    expect(await findListItems(agent.actor, "disposition")).toEqual([]);
    expect(await findListItems(owner, "disposition", { includeArchived: true })).toMatchObject([{ code: "sale", archived: true, usedBy: 1 }]);
  });
});

describe("queues' settings", () => {
  it("creates with defaults, refuses a taken name (409 friendlyName), out-of-range values and overflow targets that do not exist, naming the field", async () => {
    const { actor: owner } = await createTestTenant();
    const sales = await createQueue(owner, { friendlyName: "sales" });
    expect(sales).toMatchObject({ strategy: "longest-idle", serviceLevelSeconds: 20, overflowAction: null, skills: [], agentIds: [] });
    await expect(createQueue(owner, { friendlyName: "sales" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^friendlyName: /) });
    await expect(updateQueue(owner, { queueId: sales.id, serviceLevelSeconds: 0 })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: "serviceLevelSeconds: at least 1" })] });
    await expect(updateQueue(owner, { queueId: sales.id, overflowAction: "number", overflowTarget: "12345" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^overflowTarget: /) });
    await expect(updateQueue(owner, { queueId: sales.id, overflowAction: "queue", overflowTarget: "nowhere" })).rejects.toMatchObject({ message: 'overflowTarget: no queue named "nowhere"' });
    await createQueue(owner, { friendlyName: "support" });
    const updated = await updateQueue(owner, { queueId: sales.id, strategy: "ring-all", overflowAction: "queue", overflowTarget: "support", maxWaitSeconds: 120 });
    expect(updated).toMatchObject({ strategy: "ring-all", overflowAction: "queue", overflowTarget: "support", maxWaitSeconds: 120 });
    expect(await db.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "queue.updated" } })).toMatchObject({ before: { strategy: "longest-idle" }, after: { strategy: "ring-all" } });
    const skill = await createListItem(owner, { kind: "skill", name: "French" });
    expect((await setQueueSkills(owner, { queueId: sales.id, skills: [{ skillId: skill.id, minLevel: 4 }] })).skills).toEqual([{ skillId: skill.id, name: "French", minLevel: 4 }]);
    await expect(setQueueSkills(owner, { queueId: sales.id, skills: [{ skillId: "sk_nope", minLevel: 4 }] })).rejects.toMatchObject({ message: "skills: unknown skill" });
  });
});

describe("queue callbacks", () => {
  it("the queue page's callbacks: open ones in their place, then the finished newest first, each with its attempts; the retry settings validated by name; another tenant's queue is not found", async () => {
    const { actor: owner } = await createTestTenant();
    const agent = await createTestAgent(owner, { username: "cb-list-agent", name: "Cleo Callback" });
    const queue = await createQueue(owner, { friendlyName: "cb-list", callbackOffer: true, callbackMaxAttempts: 2, callbackRetrySeconds: 120 });
    await expect(updateQueue(owner, { queueId: queue.id, callbackMaxAttempts: 0 })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: "callbackMaxAttempts: 1 to 10" })] });
    await expect(updateQueue(owner, { queueId: queue.id, callbackRetrySeconds: 5 })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: "callbackRetrySeconds: at least 30" })] });
    const base = { tenantId: owner.tenantId, queueId: queue.id, callerId: "+14155550100" };
    const later = await db.queueCallback.create({ data: { ...base, id: newId("qcb"), callId: newId("CA"), number: "+14155550102", enqueuedAt: at("10:05") } });
    const earlier = await db.queueCallback.create({ data: { ...base, id: newId("qcb"), callId: newId("CA"), number: "+14155550101", enqueuedAt: at("10:00"), attempts: 1, lastOutcome: "busy", nextAttemptAt: at("10:12") } });
    const done = await db.queueCallback.create({ data: { ...base, id: newId("qcb"), callId: newId("CA"), number: "+14155550103", enqueuedAt: at("09:00"), status: "failed", attempts: 2, lastOutcome: "no-answer", completedAt: at("09:30") } });
    await db.queueCallbackAttempt.create({ data: { id: newId("qca"), tenantId: owner.tenantId, callbackId: earlier.id, agentId: agent.agentId, attempt: 1, startedAt: at("10:10"), endedAt: at("10:11"), outcome: "busy", hangupCause: "USER_BUSY" } });

    const all = await findQueueCallbacks(owner, { queueId: queue.id });
    expect(all.map((c) => c.id)).toEqual([earlier.id, later.id, done.id]);
    expect(all[0]).toMatchObject({ queueName: "cb-list", number: "+14155550101", status: "pending", attempts: 1, maxAttempts: 2, lastOutcome: "busy", nextAttemptAt: at("10:12") });
    expect(all[0]!.attemptsMade).toEqual([{ attempt: 1, agentName: "Cleo Callback", startedAt: at("10:10"), endedAt: at("10:11"), outcome: "busy", hangupCause: "USER_BUSY", callId: null }]);
    expect(all[2]).toMatchObject({ status: "failed", nextAttemptAt: null, completedAt: at("09:30") });
    expect((await findQueueCallbacks(owner, { status: "open" })).map((c) => c.id)).toEqual([earlier.id, later.id]);
    expect(await getQueue(owner, { queueId: queue.id })).toMatchObject({ callbacksOpen: 2, callbackMaxAttempts: 2, callbackRetrySeconds: 120 });
    await expect(findQueueCallbacks(agent.actor, {})).rejects.toMatchObject({ code: "FORBIDDEN" });

    const other = await createTestTenant();
    await expect(findQueueCallbacks(other.actor, { queueId: queue.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findQueueCallbacks(other.actor)).toEqual([]);
  });
});

describe("queue metrics", () => {
  it("worked numbers: 10 offered, 7 answered (5 within 20 s), 2 abandoned, 1 overflowed", () => {
    const outcome = (result: string, waitSeconds: number, handleSeconds: number, endedAt: string) => ({ result, waitSeconds, handleSeconds, endedAt: at(endedAt) });
    const figures = summarizeQueueWindow({
      from: at("00:00"),
      to: at("12:00"),
      serviceLevelSeconds: 20,
      outcomes: [
        outcome("answered", 5, 100, "09:10"),
        outcome("answered", 10, 200, "09:20"),
        outcome("answered", 20, 300, "09:30"),
        outcome("answered", 15, 120, "10:05"),
        outcome("answered", 0, 80, "10:10"),
        outcome("answered", 30, 400, "10:20"),
        outcome("answered", 60, 200, "11:00"),
        outcome("abandoned", 45, 0, "09:40"),
        outcome("abandoned", 8, 0, "11:30"),
        outcome("overflowed", 120, 0, "11:45"),
      ],
      // One agent: available 08:00, on a call 09:00–10:00, wrap-up to 10:30, away 11:00 (state at 00:00: offline).
      stateChanges: [
        { agentId: "ag1", fromState: "AWAY", toState: "OFFLINE", at: new Date("2026-12-03T18:00:00Z") },
        { agentId: "ag1", fromState: "OFFLINE", toState: "AVAILABLE", at: at("08:00") },
        { agentId: "ag1", fromState: "AVAILABLE", toState: "ON_CALL", at: at("09:00") },
        { agentId: "ag1", fromState: "ON_CALL", toState: "WRAP_UP", at: at("10:00") },
        { agentId: "ag1", fromState: "WRAP_UP", toState: "AVAILABLE", at: at("10:30") },
        { agentId: "ag1", fromState: "AVAILABLE", toState: "AWAY", at: at("11:00") },
      ],
    });
    expect(figures).toMatchObject({
      offered: 10,
      answered: 7,
      abandoned: 2,
      serviceLevelPercent: 50, // 5 answered within 20 s (5, 10, 20, 15, 0) of 10 offered
      abandonRatePercent: 20,
      averageSpeedOfAnswerSeconds: 20, // (5+10+20+15+0+30+60)/7 = 140/7
      averageHandleSeconds: 200, // 1400/7
      occupancyPercent: 50, // busy 1.5 h of 3 h logged in
    });
    expect(figures.hourly).toHaveLength(12);
    expect(figures.hourly[9]).toMatchObject({ answered: 3, abandoned: 1 });
    expect(figures.hourly[11]).toMatchObject({ answered: 1, abandoned: 1 });
  });

  it("nothing offered reads as no figure, not 0 % or 100 %", () => {
    expect(summarizeQueueWindow({ from: at("00:00"), to: at("01:00"), serviceLevelSeconds: 20, outcomes: [], stateChanges: [] })).toMatchObject({ offered: 0, serviceLevelPercent: null, abandonRatePercent: null, averageSpeedOfAnswerSeconds: null, occupancyPercent: null });
  });

  it("live: waiting callers and the longest wait from the queue's line, the queue's agents by state; the window from its outcomes", async () => {
    const { actor: owner } = await createTestTenant();
    const queue = await createQueue(owner, { friendlyName: "metrics", serviceLevelSeconds: 30 });
    const a1 = await createTestAgent(owner, { username: "m1", queueIds: [queue.id] });
    const a2 = await createTestAgent(owner, { username: "m2", queueIds: [queue.id] });
    await createTestAgent(owner, { username: "m3-other-queue" });
    await db.agent.update({ where: { id: a1.agentId }, data: { state: "AVAILABLE" } });
    await db.agent.update({ where: { id: a2.agentId }, data: { state: "AWAY" } });
    const now = at("12:00");
    for (const [i, enqueuedAt] of [at("11:58"), at("11:59")].entries()) {
      await db.queueMember.create({ data: { id: newId("qm"), tenantId: owner.tenantId, queueId: queue.id, callId: `CAm${i}`, position: i + 1, enqueuedAt } });
    }
    for (const [result, waitSeconds] of [["answered", 10], ["answered", 40], ["abandoned", 50]] as const) {
      await db.queueOutcome.create({ data: { id: newId("qo"), tenantId: owner.tenantId, queueId: queue.id, itemKind: "call", itemId: newId("CA"), enqueuedAt: at("10:00"), answeredAt: result === "answered" ? at("10:01") : null, endedAt: at("10:05"), result, waitSeconds, handleSeconds: 60 } });
    }
    // a1 logged in since yesterday 23:00, on a call 10:00–11:00; a2 away all along (no change): occupancy 1 h of 12 h.
    const change = (fromState: "OFFLINE" | "AVAILABLE" | "ON_CALL", toState: "AVAILABLE" | "ON_CALL", when: Date) =>
      db.agentStateChange.create({ data: { id: newId("asc"), tenantId: owner.tenantId, agentId: a1.agentId, fromState, toState, cause: "manual", at: when } });
    await change("OFFLINE", "AVAILABLE", new Date("2026-12-03T23:00:00Z"));
    await change("AVAILABLE", "ON_CALL", new Date("2026-12-03T22:00:00Z")); // superseded by 23:00
    await change("AVAILABLE", "ON_CALL", at("10:00"));
    await change("ON_CALL", "AVAILABLE", at("11:00"));
    const [m] = await findQueueMetrics(owner, { queueId: queue.id, from: at("00:00") }, now);
    expect(m!.live).toMatchObject({ waiting: 2, longestWaitSeconds: 120, agents: { available: 1, away: 1, "on-call": 0 } });
    expect(m!.window).toMatchObject({ offered: 3, answered: 2, abandoned: 1, serviceLevelPercent: 33.3, abandonRatePercent: 33.3, averageSpeedOfAnswerSeconds: 25, occupancyPercent: 8.3 });
    await expect(findQueueMetrics(a1.actor, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
