// Conversations through the ACD: an inbound SMS on a channel a queue routes goes to a logged-in agent of that queue
// below their conversation capacity (an agent on a call still takes chats), by the queue's strategy; nobody free, it
// waits unassigned and is routed again once an agent frees up; tenants without such a queue keep round-robin.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { routeWaitingConversations } from "@/server/acd/route-conversation";
import { receiveInboundMessage } from "@/server/messages/receive-inbound-message";
import { newId, newSid } from "@/server/shared/ids";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { createTestTenant, testTenantIds } from "@/test/factories";

let seq = 7000;
const nextNumber = () => `+1415557${String(seq++).padStart(4, "0")}`;

async function account() {
  const t = await createTestTenant();
  const number = nextNumber();
  await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: t.tenant.id, e164: number, origin: "PROVISIONED", smsEnabled: true, mmsEnabled: true, providerNumberId: "x" } });
  return { ...t, number };
}

async function inbound(to: string, from: string) {
  const result = await receiveInboundMessage({ provider: "twilio", eventKey: newId("evk"), providerMessageId: newSid("SM"), from, to, body: "hello", mediaUrls: [] });
  if (result.outcome !== "received") throw new Error(result.outcome);
  const message = await db.message.findUniqueOrThrow({ where: { id: result.message.id }, select: { conversationId: true } });
  return db.conversation.findUniqueOrThrow({ where: { id: message.conversationId! } });
}

describe("conversations through the ACD", () => {
  it("goes to the longest-idle logged-in agent of the queue routing SMS, up to each agent's capacity; then waits, and is routed once an agent frees up", async () => {
    const a = await account();
    const queue = await createTestQueue(a.tenant.id, "chat", {});
    await db.callQueue.update({ where: { id: queue.id }, data: { conversationChannels: ["sms"] } });
    const onCall = await createTestAgent(a.actor, { username: "chat-1", queueIds: [queue.id], state: "ON_CALL", idleSince: new Date(Date.now() - 60_000) });
    await db.agent.update({ where: { id: onCall.agentId }, data: { conversationCapacity: 1 } });
    const away = await createTestAgent(a.actor, { username: "chat-2", queueIds: [queue.id], state: "AWAY", idleSince: new Date(Date.now() - 120_000) });

    // The agent on a call takes the first (blended); the away agent gets nothing.
    const first = await inbound(a.number, "+15005550181");
    expect(first.assigneeUserId).toBe(onCall.userId);
    const log = await db.routingDecision.findFirstOrThrow({ where: { itemId: first.id } });
    expect(log).toMatchObject({ itemKind: "conversation", outcome: "assigned", agentId: onCall.agentId, queueId: queue.id });
    expect(log.reason).toMatch(/^longest-idle/);
    // Capacity one: the second waits unassigned (no round-robin to anyone else).
    const second = await inbound(a.number, "+15005550182");
    expect(second.assigneeUserId).toBeNull();
    expect(await routeWaitingConversations({ tenantIds: testTenantIds() })).toBe(0);
    // The away agent comes back: the waiting conversation is routed to them.
    await db.agent.update({ where: { id: away.agentId }, data: { state: "AVAILABLE" } });
    expect(await routeWaitingConversations({ tenantIds: testTenantIds() })).toBe(1);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: second.id } })).assigneeUserId).toBe(away.userId);
    const activity = await db.conversationActivity.findFirstOrThrow({ where: { conversationId: second.id, kind: "assigned" } });
    expect(activity.detail).toMatchObject({ userId: away.userId, by: "acd", queueId: queue.id });
  });

  it("a tenant with no queue routing the channel keeps the inbox's round-robin, among agents the server holds available", async () => {
    const a = await account();
    // Presence is the agent's state: away, the member gets nothing; available, the conversation is theirs.
    const agent = await db.agent.create({ data: { id: newId("ag"), tenantId: a.tenant.id, userId: a.user.id, state: "AWAY" } });
    expect((await inbound(a.number, "+15005550184")).assigneeUserId).toBeNull();
    await db.agent.update({ where: { id: agent.id }, data: { state: "AVAILABLE" } });
    const conversation = await inbound(a.number, "+15005550183");
    expect(conversation.assigneeUserId).toBe(a.user.id);
    expect(await db.routingDecision.count({ where: { itemId: conversation.id } })).toBe(0);
  });
});
