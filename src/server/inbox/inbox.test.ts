// The unified inbox against real PostgreSQL: an inbound message finds or makes its contact and conversation
// (one per contact, channel and endpoint), snoozed and recently resolved conversations reopen, round-robin honours
// availability and capacity, replies and API sends join the thread, full-text search, notes with @mentions,
// the live feed, and another tenant's conversation reading as not found.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeContacts } from "@/server/contacts/merge-contacts";
import { db } from "@/server/db";
import { addConversationNote } from "@/server/inbox/add-conversation-note";
import { bulkResolveConversations } from "@/server/inbox/bulk-resolve-conversations";
import { findConversationThread } from "@/server/inbox/find-conversation-thread";
import { findConversations } from "@/server/inbox/find-conversations";
import { getConversation } from "@/server/inbox/get-conversation";
import { inboxChangeFeed } from "@/server/inbox/inbox-change-feed";
import { replyToConversation } from "@/server/inbox/reply-to-conversation";
import { setInboxAvailability } from "@/server/inbox/set-inbox-availability";
import { getInboxAvailability } from "@/server/inbox/get-inbox-availability";
import { findInboxMembers } from "@/server/inbox/find-inbox-members";
import { changeMyAgentState } from "@/server/agents/change-my-agent-state";
import { updateConversation } from "@/server/inbox/update-conversation";
import { wakeSnoozedConversations } from "@/server/inbox/wake-snoozed-conversations";
import { watchInboxChanges } from "@/server/inbox/watch-inbox-changes";
import { createMessage } from "@/server/messages/create-message";
import { receiveInboundMessage } from "@/server/messages/receive-inbound-message";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { newId, newSid } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";
import { createTestTenant, testTenantIds } from "@/test/factories";

let seq = 2000;
const nextNumber = () => `+1415556${String(seq++).padStart(4, "0")}`;

async function account() {
  const t = await createTestTenant();
  const number = nextNumber();
  await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: t.tenant.id, e164: number, origin: "PROVISIONED", smsEnabled: true, mmsEnabled: true, providerNumberId: "x" } });
  return { ...t, number };
}

async function member(tenantId: string, name: string, role: "AGENT" | "SUPERVISOR" = "AGENT"): Promise<Actor> {
  const userId = newId("usr");
  await db.user.create({ data: { id: userId, email: `${userId}@example.test`, name, passwordHash: "x" } });
  await db.membership.create({ data: { id: newId("mem"), tenantId, userId, role } });
  return { tenantId, userId, role, apiKeyId: null, impersonatorId: null, requestId: "test" };
}

async function inbound(to: string, from: string, body: string) {
  const result = await receiveInboundMessage({ provider: "twilio", eventKey: newId("evk"), providerMessageId: newSid("SM"), from, to, body, mediaUrls: [] });
  if (result.outcome !== "received") throw new Error(result.outcome);
  return db.message.findUniqueOrThrow({ where: { id: result.message.id }, select: { id: true, conversationId: true } });
}

beforeAll(async () => {
  await inboxChangeFeed().ready();
});
afterAll(async () => {
  await inboxChangeFeed().close();
});

describe("attachment of inbound messages", () => {
  it("creates the contact and one conversation per contact and endpoint; later messages join it", async () => {
    const a = await account();
    const first = await inbound(a.number, "+15005550101", "Hello, my order is late");
    const second = await inbound(a.number, "+15005550101", "Any news?");
    const other = await inbound(a.number, "+15005550102", "Different person");
    expect(first.conversationId).toBeTruthy();
    expect(second.conversationId).toBe(first.conversationId);
    expect(other.conversationId).not.toBe(first.conversationId);
    const conversation = await getConversation(a.actor, { conversationId: first.conversationId! });
    expect(conversation).toMatchObject({ status: "open", channel: "sms", inboxAddress: a.number, contactAddress: "+15005550101", unreadCount: 2, contactName: "+15005550101" });
    const identity = await db.contactIdentity.findFirstOrThrow({ where: { tenantId: a.tenant.id, kind: "PHONE", value: "+15005550101" } });
    expect(identity.contactId).toBe(conversation.contactId);
  });

  it("two first messages at once from one sender make one contact and one conversation", async () => {
    const a = await account();
    const [x, y] = await Promise.all([inbound(a.number, "+15005550111", "one"), inbound(a.number, "+15005550111", "two")]);
    expect(x.conversationId).toBe(y.conversationId);
    expect(await db.contact.count({ where: { tenantId: a.tenant.id } })).toBe(1);
  });

  it("a snoozed conversation wakes up and a recently resolved one reopens; an old resolved one gives way to a new one", async () => {
    const a = await account();
    const { conversationId } = await inbound(a.number, "+15005550121", "hi");
    await updateConversation(a.actor, { conversationId: conversationId!, status: "snoozed", snoozedUntil: new Date(Date.now() + 3_600_000) });
    expect((await inbound(a.number, "+15005550121", "still there?")).conversationId).toBe(conversationId);
    expect((await getConversation(a.actor, { conversationId: conversationId! })).status).toBe("open");
    await updateConversation(a.actor, { conversationId: conversationId!, status: "resolved" });
    expect((await inbound(a.number, "+15005550121", "one more thing")).conversationId).toBe(conversationId);
    const reopened = await getConversation(a.actor, { conversationId: conversationId! });
    expect(reopened.status).toBe("open");
    expect(reopened.resolvedAt).toBeNull();
    const thread = await findConversationThread(a.actor, { conversationId: conversationId! });
    expect(thread.items.filter((i) => i.type === "activity").map((i) => (i as { detail: { to?: string } }).detail.to)).toEqual(["snoozed", "open", "resolved", "open"]);

    await updateConversation(a.actor, { conversationId: conversationId!, status: "resolved" });
    await db.conversation.update({ where: { id: conversationId! }, data: { resolvedAt: new Date(Date.now() - 2 * 86_400_000) } });
    const fresh = await inbound(a.number, "+15005550121", "new topic");
    expect(fresh.conversationId).not.toBe(conversationId);
  });
});

describe("round-robin assignment", () => {
  it("takes turns among available agents with spare capacity, skips away and full ones, and leaves it unassigned when none can", async () => {
    const a = await account();
    const ann = await member(a.tenant.id, "Ann Agent");
    const bob = await member(a.tenant.id, "Bob Agent");
    const cat = await member(a.tenant.id, "Cat Away");
    await setInboxAvailability(ann, { availability: "available", capacity: 2 });
    await setInboxAvailability(bob, { availability: "available", capacity: 1 });
    await setInboxAvailability(cat, { availability: "away" });
    const assignees: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const { conversationId } = await inbound(a.number, `+1500555020${i}`, "hello");
      assignees.push((await getConversation(a.actor, { conversationId: conversationId! })).assigneeUserId);
    }
    // Ann and Bob alternate until Bob (capacity 1) is full; Ann takes her second; then nobody has room.
    expect(assignees.slice(0, 2).sort()).toEqual([ann.userId, bob.userId].sort());
    expect(assignees[2]).toBe(ann.userId);
    expect(assignees[3]).toBeNull();
    expect(assignees).not.toContain(cat.userId);
    const mine = await findConversations(ann, { tab: "mine" });
    expect(mine.items).toHaveLength(2);
    expect((await findConversations(ann, { tab: "unassigned" })).items).toHaveLength(1);
  });

  it("availability is the agent's state the server holds: the desktop's away stops new conversations, a call does not (they blend), and the inbox's switch moves that same state", async () => {
    const a = await account();
    const ann = await member(a.tenant.id, "Ann Agent");
    const assignee = async (from: string) => (await getConversation(a.actor, { conversationId: (await inbound(a.number, from, "hi")).conversationId! })).assigneeUserId;
    // A member who never said they are available (an offline agent, or none yet) gets nothing.
    expect(await assignee("+15005550210")).toBeNull();
    await changeMyAgentState(ann, { state: "available" });
    expect(await getInboxAvailability(ann)).toEqual({ availability: "available", capacity: 3 });
    expect(await assignee("+15005550211")).toBe(ann.userId);
    await db.agent.update({ where: { tenantId_userId: { tenantId: a.tenant.id, userId: ann.userId! } }, data: { state: "ON_CALL" } });
    expect(await assignee("+15005550212")).toBe(ann.userId);
    await db.agent.update({ where: { tenantId_userId: { tenantId: a.tenant.id, userId: ann.userId! } }, data: { state: "AVAILABLE" } });
    await changeMyAgentState(ann, { state: "away" });
    expect(await assignee("+15005550213")).toBeNull();
    expect((await findInboxMembers(a.actor)).find((m) => m.userId === ann.userId)).toMatchObject({ availability: "away", openConversations: 2 });
    // The inbox's own switch: the agent is available on the desktop too, with the capacity given.
    await setInboxAvailability(ann, { availability: "available", capacity: 5 });
    expect(await db.agent.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: a.tenant.id, userId: ann.userId! } } })).toMatchObject({ state: "AVAILABLE", conversationCapacity: 5 });
    expect(await assignee("+15005550214")).toBe(ann.userId);
  });

  it("resolving frees capacity; manual assignment checks membership and writes activity", async () => {
    const a = await account();
    const ann = await member(a.tenant.id, "Ann Agent");
    await setInboxAvailability(ann, { availability: "available", capacity: 1 });
    const first = await inbound(a.number, "+15005550301", "a");
    const second = await inbound(a.number, "+15005550302", "b");
    expect((await getConversation(a.actor, { conversationId: second.conversationId! })).assigneeUserId).toBeNull();
    await updateConversation(ann, { conversationId: first.conversationId!, status: "resolved" });
    const third = await inbound(a.number, "+15005550303", "c");
    expect((await getConversation(a.actor, { conversationId: third.conversationId! })).assigneeUserId).toBe(ann.userId);
    await expect(updateConversation(a.actor, { conversationId: second.conversationId!, assigneeUserId: "usr_not_a_member" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("assigneeUserId") });
    const assigned = await updateConversation(a.actor, { conversationId: second.conversationId!, assigneeUserId: ann.userId, priority: "high", labels: ["billing", "vip"] });
    expect(assigned).toMatchObject({ assigneeUserId: ann.userId, assigneeName: "Ann Agent", priority: "high", labels: ["billing", "vip"] });
    const kinds = (await findConversationThread(a.actor, { conversationId: second.conversationId! })).items.filter((i) => i.type === "activity").map((i) => (i as { kind: string }).kind);
    expect(kinds).toEqual(expect.arrayContaining(["assigned", "priority_changed", "label_added", "label_added"]));
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "conversation.updated", targetId: second.conversationId! } })).toBe(1);
  });
});

describe("replies, notes and search", () => {
  it("an agent's reply goes out through createMessage linked to the conversation; an API send to the contact joins it too", async () => {
    const a = await account();
    const agent = await member(a.tenant.id, "Ann Agent");
    const { conversationId } = await inbound(a.number, "+15005550401", "Where is my parcel?");
    const reply = await replyToConversation(agent, { conversationId: conversationId!, body: "It ships today." });
    const stored = await db.message.findUniqueOrThrow({ where: { id: reply.id } });
    expect(stored).toMatchObject({ direction: "OUTBOUND", status: "QUEUED", from: a.number, to: "+15005550401", conversationId });
    const api = await createMessage(a.actor, { channel: "sms", from: a.number, to: "+15005550401", body: "Tracking: 123" }, { surface: "native" });
    expect((await db.message.findUniqueOrThrow({ where: { id: api.id } })).conversationId).toBe(conversationId);
    const stranger = await createMessage(a.actor, { channel: "sms", from: a.number, to: "+15005550499", body: "Hi" }, { surface: "native" });
    expect((await db.message.findUniqueOrThrow({ where: { id: stranger.id } })).conversationId).toBeNull();
    const conversation = await getConversation(a.actor, { conversationId: conversationId! });
    expect(conversation.firstResponseAt).not.toBeNull();
    expect(conversation.unreadCount).toBe(0);
  });

  it("finds conversations by the words of their messages and notes, with filters", async () => {
    const a = await account();
    const refund = await inbound(a.number, "+15005550501", "I want a refund for the broken kettle");
    const other = await inbound(a.number, "+15005550502", "Opening hours please");
    await addConversationNote(a.actor, { conversationId: other.conversationId!, body: "Customer asked about warranty" });
    expect((await findConversations(a.actor, { search: "kettle refund" })).items.map((c) => c.id)).toEqual([refund.conversationId]);
    expect((await findConversations(a.actor, { search: "warranty" })).items.map((c) => c.id)).toEqual([other.conversationId]);
    expect((await findConversations(a.actor, { search: "nothing-matches-this" })).items).toEqual([]);
    await updateConversation(a.actor, { conversationId: refund.conversationId!, labels: ["refunds"], priority: "urgent" });
    expect((await findConversations(a.actor, { label: "refunds" })).items.map((c) => c.id)).toEqual([refund.conversationId]);
    expect((await findConversations(a.actor, { priority: "urgent", channel: "sms" })).items.map((c) => c.id)).toEqual([refund.conversationId]);
    const page1 = await findConversations(a.actor, { limit: 1 });
    const page2 = await findConversations(a.actor, { limit: 1, cursor: page1.nextCursor });
    expect(page1.hasMore).toBe(true);
    expect(new Set([page1.items[0]!.id, page2.items[0]!.id]).size).toBe(2);
  });

  it("a reply's new status reaches the live feed when the sender settles it (the open thread shows it at once)", async () => {
    const a = await account();
    const { conversationId } = await inbound(a.number, "+15005550611", "hi");
    const reply = await replyToConversation(a.actor, { conversationId: conversationId!, body: "hello" });
    // The reply's own notification is heard (or not) before the watch below begins.
    await new Promise((r) => setTimeout(r, 300));
    const controller = new AbortController();
    const stream = await watchInboxChanges(a.actor, {}, controller.signal);
    const heard: unknown[] = [];
    const reading = (async () => {
      for await (const e of stream) {
        if ((e as { conversationId?: string }).conversationId !== conversationId) continue;
        heard.push(e);
        break;
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    await runMessageSender({ deadlineMs: 2_000, tenantIds: testTenantIds() });
    const settled = await db.message.findUniqueOrThrow({ where: { id: reply.id } });
    expect(["SENT", "FAILED"]).toContain(settled.status);
    await Promise.race([reading, new Promise((r) => setTimeout(r, 5_000))]);
    controller.abort();
    expect(heard).toEqual([{ kind: "changed", conversationId, change: "message", mentioned: false }]);
  });

  it("a note @mentioning a member reaches the tenant's live feed flagged for them", async () => {
    const a = await account();
    const ann = await member(a.tenant.id, "Ann Agent");
    const { conversationId } = await inbound(a.number, "+15005550601", "hi");
    const controller = new AbortController();
    const events: unknown[] = [];
    const stream = await watchInboxChanges(ann, {}, controller.signal);
    const reading = (async () => {
      for await (const e of stream) {
        // The conversation's own creation, notified before the watch began, may still be on its way to this process.
        if ((e as { change?: string }).change === "created") continue;
        events.push(e);
        if (events.length >= 2) break;
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    const note = await addConversationNote(a.actor, { conversationId: conversationId!, body: "@ann can you take this?" });
    expect(note.mentionUserIds).toEqual([ann.userId]);
    await inbound(a.number, "+15005550601", "hello again");
    await reading;
    controller.abort();
    expect(events).toEqual([
      { kind: "changed", conversationId, change: "note", mentioned: true },
      { kind: "changed", conversationId, change: "message", mentioned: false },
    ]);
  });
});

describe("tenant isolation", () => {
  it("another tenant's conversation reads as not found everywhere", async () => {
    const a = await account();
    const b = await account();
    const { conversationId } = await inbound(a.number, "+15005550701", "secret");
    const id = conversationId!;
    await expect(getConversation(b.actor, { conversationId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findConversationThread(b.actor, { conversationId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateConversation(b.actor, { conversationId: id, status: "resolved" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(replyToConversation(b.actor, { conversationId: id, body: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(addConversationNote(b.actor, { conversationId: id, body: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bulkResolveConversations(b.actor, { conversationIds: [id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(watchInboxChanges(b.actor, { conversationId: id }, new AbortController().signal)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await findConversations(b.actor, { search: "secret", status: "any" })).items).toEqual([]);
    expect((await getConversation(a.actor, { conversationId: id })).status).toBe("open");
  });
});

describe("contacts", () => {
  it("merging contacts keeps their conversations, now under the survivor", async () => {
    const a = await account();
    const first = await inbound(a.number, "+15005550801", "one");
    const second = await inbound(a.number, "+15005550802", "two");
    const survivor = (await getConversation(a.actor, { conversationId: first.conversationId! })).contactId;
    const merged = (await getConversation(a.actor, { conversationId: second.conversationId! })).contactId;
    await mergeContacts(a.actor, { survivorId: survivor, mergedId: merged });
    expect((await getConversation(a.actor, { conversationId: second.conversationId! })).contactId).toBe(survivor);
  });
});

describe("snooze", () => {
  it("a snoozed conversation reopens by itself when its time has come, once", async () => {
    const a = await account();
    const { conversationId } = await inbound(a.number, "+15005550901", "later please");
    const id = conversationId!;
    await updateConversation(a.actor, { conversationId: id, status: "snoozed", snoozedUntil: new Date(Date.now() + 60_000) });
    await wakeSnoozedConversations({ now: new Date() });
    expect((await getConversation(a.actor, { conversationId: id })).status).toBe("snoozed");
    const later = new Date(Date.now() + 120_000);
    await wakeSnoozedConversations({ now: later });
    await wakeSnoozedConversations({ now: later });
    expect((await getConversation(a.actor, { conversationId: id })).status).toBe("open");
    const woke = (await findConversationThread(a.actor, { conversationId: id })).items.filter((i) => i.type === "activity" && (i as { detail: { by?: string } }).detail.by === "snooze_ended");
    expect(woke).toHaveLength(1);
  });
});
