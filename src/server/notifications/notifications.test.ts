// Stored @mention notifications against real PostgreSQL: a note's mentions become unread notifications of the members
// mentioned (never the author, never anyone outside the tenant), the bell lists them with the unread count, marks one
// or all read (someone else's reads as not found), and a member's open bell hears its own changes live through
// LISTEN/NOTIFY, not other members'.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { addConversationNote } from "@/server/inbox/add-conversation-note";
import { findNotifications } from "@/server/notifications/find-notifications";
import { markAllNotificationsRead } from "@/server/notifications/mark-all-notifications-read";
import { markNotificationRead } from "@/server/notifications/mark-notification-read";
import { notificationFeed } from "@/server/notifications/notification-feed";
import { watchNotifications, type NotificationEvent } from "@/server/notifications/watch-notifications";
import { newId } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";
import { createTestTenant } from "@/test/factories";

async function member(tenantId: string, name: string, role: "AGENT" | "SUPERVISOR" = "AGENT"): Promise<Actor> {
  const userId = newId("usr");
  await db.user.create({ data: { id: userId, email: `${userId}@example.test`, name, passwordHash: "x" } });
  await db.membership.create({ data: { id: newId("mem"), tenantId, userId, role } });
  return { tenantId, userId, role, apiKeyId: null, impersonatorId: null, requestId: "test" };
}

async function conversation(tenantId: string, contactName = "Dana Contact") {
  const contactId = newId("ct");
  await db.contact.create({ data: { id: contactId, tenantId, displayName: contactName, tags: [] } });
  const id = newId("cv");
  await db.conversation.create({ data: { id, tenantId, contactId, channel: "SMS", inboxAddress: "+14155550100", contactAddress: "+14155550111", labels: [] } });
  return id;
}

/** What `actor`'s bell hears while `act` runs (and shortly after its commit). */
async function heardBy(actor: Actor, act: () => Promise<unknown>): Promise<NotificationEvent[]> {
  const controller = new AbortController();
  const heard: NotificationEvent[] = [];
  const stream = await watchNotifications(actor, controller.signal);
  const reading = (async () => {
    for await (const e of stream) heard.push(e);
  })();
  await new Promise((r) => setTimeout(r, 50));
  await act();
  await new Promise((r) => setTimeout(r, 300));
  controller.abort();
  await reading;
  return heard;
}

beforeAll(async () => {
  await notificationFeed().ready();
});
afterAll(async () => {
  await notificationFeed().close();
});

describe("mention notifications", () => {
  it("a note's @mentions become unread notifications of the members mentioned, told live; the author and outsiders get none", async () => {
    const t = await createTestTenant();
    const author = await member(t.tenant.id, "Sam Author");
    const ann = await member(t.tenant.id, "Ann Lee");
    const bob = await member(t.tenant.id, "Bob Stone");
    const outsider = await createTestTenant();
    const zed = await member(outsider.tenant.id, "Zed Outsider");
    const conversationId = await conversation(t.tenant.id);

    const annHeard = await heardBy(ann, async () => {
      const bobHeard = await heardBy(bob, () => addConversationNote(author, { conversationId, body: "@ann can you look? cc @sam @zed" }));
      expect(bobHeard).toEqual([]);
    });
    expect(annHeard).toEqual([{ kind: "created" }]);

    const rows = await db.notification.findMany({ where: { conversationId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenantId: t.tenant.id, userId: ann.userId, kind: "mention", actorUserId: author.userId, readAt: null });
    expect(await db.notification.count({ where: { userId: { in: [zed.userId!, author.userId!, bob.userId!] } } })).toBe(0);

    const bell = await findNotifications(ann, {});
    expect(bell.unreadCount).toBe(1);
    expect(bell.items).toEqual([
      { id: rows[0]!.id, kind: "mention", conversationId, noteId: rows[0]!.noteId, actorName: "Sam Author", excerpt: "@ann can you look? cc @sam @zed", contactName: "Dana Contact", channel: "sms", read: false, createdAt: rows[0]!.createdAt },
    ]);
    expect(await findNotifications(bob, {})).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    expect(await findNotifications(zed, {})).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it("marks one read (someone else's is not found, in or out of the tenant), then all; each tells the member's bells", async () => {
    const t = await createTestTenant();
    const author = await member(t.tenant.id, "Sam Author");
    const ann = await member(t.tenant.id, "Ann Lee");
    const bob = await member(t.tenant.id, "Bob Stone");
    const conversationId = await conversation(t.tenant.id);
    for (const body of ["@ann one", "@ann two", "@ann three"]) await addConversationNote(author, { conversationId, body });
    const { items } = await findNotifications(ann, {});
    expect(items.map((i) => i.excerpt)).toEqual(["@ann three", "@ann two", "@ann one"]);
    const [three, two] = items;

    await expect(markNotificationRead(bob, { notificationId: three!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await createTestTenant();
    await expect(markNotificationRead(other.actor, { notificationId: three!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await findNotifications(ann, {})).unreadCount).toBe(3);

    expect(await heardBy(ann, async () => expect(await markNotificationRead(ann, { notificationId: three!.id })).toEqual({ unreadCount: 2 }))).toEqual([{ kind: "read" }]);
    // Again: nothing changes and nobody is told.
    expect(await heardBy(ann, async () => expect(await markNotificationRead(ann, { notificationId: three!.id })).toEqual({ unreadCount: 2 }))).toEqual([]);
    const unread = await findNotifications(ann, { unread: true });
    expect(unread.items.map((i) => i.id)).toEqual([two!.id, items[2]!.id]);

    const page1 = await findNotifications(ann, { limit: 2 });
    expect(page1.items.map((i) => i.read)).toEqual([true, false]);
    const page2 = await findNotifications(ann, { limit: 2, cursor: page1.nextCursor });
    expect(page2).toMatchObject({ nextCursor: null, items: [{ excerpt: "@ann one" }] });
    await expect(findNotifications(bob, { cursor: page1.nextCursor })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^cursor: /) });

    expect(await heardBy(ann, async () => expect(await markAllNotificationsRead(ann)).toEqual({ marked: 2 }))).toEqual([{ kind: "read" }]);
    expect(await markAllNotificationsRead(ann)).toEqual({ marked: 0 });
    expect((await findNotifications(ann, {})).unreadCount).toBe(0);
  });

  it("an API key has no bell", async () => {
    const t = await createTestTenant();
    await expect(findNotifications({ ...t.actor, userId: null, apiKeyId: "ak" }, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
