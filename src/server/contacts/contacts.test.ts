// Contacts against a real database: identities normalised and unique per tenant, custom fields checked against
// the tenant's definitions, search by name/identity/tag with cursor paging, notes, find-or-create by identity
// (concurrent first contacts make one), merge and its exact undo, the timeline of calls and voicemail, audit rows,
// and another tenant's ids reading as not found.
import { describe, expect, it } from "vitest";
import { addContactIdentity } from "@/server/contacts/add-contact-identity";
import { addContactNote } from "@/server/contacts/add-contact-note";
import { snapshotContact } from "@/server/contacts/contact-merge-snapshot";
import { createContact } from "@/server/contacts/create-contact";
import { createContactField } from "@/server/contacts/create-contact-field";
import { deleteContact } from "@/server/contacts/delete-contact";
import { findContactTimeline } from "@/server/contacts/find-contact-timeline";
import { findContacts } from "@/server/contacts/find-contacts";
import { findOrCreateContactByIdentity } from "@/server/contacts/find-or-create-contact-by-identity";
import { getContact } from "@/server/contacts/get-contact";
import { mergeContacts } from "@/server/contacts/merge-contacts";
import { removeContactIdentity } from "@/server/contacts/remove-contact-identity";
import { undoContactMerge } from "@/server/contacts/undo-contact-merge";
import { updateContact } from "@/server/contacts/update-contact";
import { db } from "@/server/db";
import { newId, newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { createTestRecording } from "@/test/recording-fixtures";

describe("contacts", () => {
  it("stores identities normalised (E.164 phones, lower-case emails) and refuses one another contact holds with a 409 naming it", async () => {
    const t = await createTestTenant();
    const ada = await createContact(t.actor, { displayName: "Ada", identities: [{ kind: "PHONE", value: "+1 (415) 555-0100" }, { kind: "EMAIL", value: " Ada@Example.COM " }] });
    expect(ada.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual(["EMAIL:ada@example.com", "PHONE:+14155550100"]);
    await expect(createContact(t.actor, { displayName: "Bad", identities: [{ kind: "PHONE", value: "555-0100" }] })).rejects.toThrow(/E\.164/);
    const bob = await createContact(t.actor, { displayName: "Bob" });
    await expect(addContactIdentity(t.actor, { contactId: bob.id, identity: { kind: "EMAIL", value: "ADA@example.com" } })).rejects.toMatchObject({ code: "CONFLICT", details: { contactId: ada.id } });
    // The same value in another tenant is that tenant's own.
    const other = await createTestTenant();
    await expect(createContact(other.actor, { displayName: "Ada elsewhere", identities: [{ kind: "EMAIL", value: "ada@example.com" }] })).resolves.toBeTruthy();
    const withSlack = await addContactIdentity(t.actor, { contactId: bob.id, identity: { kind: "SLACK", value: "U012AB3CD" } });
    const slack = withSlack.identities.find((i) => i.kind === "SLACK")!;
    expect((await removeContactIdentity(t.actor, { contactId: bob.id, identityId: slack.id })).identities).toEqual([]);
    const audit = await db.auditLog.findMany({ where: { tenantId: t.tenant.id, targetId: bob.id }, select: { action: true }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["contact.created", "contact.identity_added", "contact.identity_removed"]);
  });

  it("checks custom fields against the tenant's definitions: types coerced, unknown names and wrong values a 400 naming the field", async () => {
    const t = await createTestTenant();
    await createContactField(t.actor, { name: "plan", label: "Plan", type: "SELECT", options: ["free", "pro"] });
    await createContactField(t.actor, { name: "seats", label: "Seats", type: "NUMBER" });
    await createContactField(t.actor, { name: "renews_on", label: "Renews on", type: "DATE" });
    await createContactField(t.actor, { name: "vip", label: "VIP", type: "BOOLEAN" });
    const c = await createContact(t.actor, { displayName: "Acme buyer", customFields: { plan: "pro", seats: "12", renews_on: "2027-01-31", vip: "yes" } });
    expect(c.customFields).toEqual({ plan: "pro", seats: 12, renews_on: "2027-01-31", vip: true });
    await expect(updateContact(t.actor, { id: c.id, customFields: { plan: "gold" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: "customFields.plan: must be one of free, pro" });
    await expect(updateContact(t.actor, { id: c.id, customFields: { renews_on: "2027-02-30" } })).rejects.toMatchObject({ message: "customFields.renews_on: must be a date as YYYY-MM-DD" });
    await expect(updateContact(t.actor, { id: c.id, customFields: { shoe_size: 9 } })).rejects.toMatchObject({ message: "customFields.shoe_size: is not a custom field of this account" });
    expect((await updateContact(t.actor, { id: c.id, customFields: { seats: null } })).customFields).toEqual({ plan: "pro", renews_on: "2027-01-31", vip: true });
  });

  it("finds by part of the name, by an identity typed any way, by tags, newest first in cursor pages", async () => {
    const t = await createTestTenant();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createContact(t.actor, { displayName: `Person ${i}`, tags: i % 2 ? ["VIP", "lead"] : ["lead"], identities: [{ kind: "PHONE", value: `+1415555020${i}` }] }));
    const first = await findContacts(t.actor, { limit: 2 });
    expect(first.items.map((c) => c.displayName)).toEqual(["Person 4", "Person 3"]);
    const second = await findContacts(t.actor, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((c) => c.displayName)).toEqual(["Person 2", "Person 1"]);
    expect((await findContacts(t.actor, { search: "son 3" })).items.map((c) => c.id)).toEqual([made[3]!.id]);
    expect((await findContacts(t.actor, { search: "+1 415 555 0202" })).items.map((c) => c.id)).toEqual([made[2]!.id]);
    expect((await findContacts(t.actor, { tags: ["vip"] })).items.map((c) => c.displayName)).toEqual(["Person 3", "Person 1"]);
    const other = await createTestTenant();
    expect((await findContacts(other.actor, {})).items).toEqual([]);
    await expect(getContact(other.actor, { id: made[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteContact(other.actor, { id: made[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("find-or-create by identity: the first message creates the contact, later ones (and concurrent ones) find it", async () => {
    const t = await createTestTenant();
    const results = await Promise.all(Array.from({ length: 5 }, () => findOrCreateContactByIdentity(t.tenant.id, { identity: { kind: "WHATSAPP", value: "+44 20 7946 0000" } })));
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0]!.contact).toMatchObject({ displayName: "+442079460000", identities: [{ kind: "WHATSAPP", value: "+442079460000" }] });
    expect(await db.contact.count({ where: { tenantId: t.tenant.id } })).toBe(1);
  });

  it("merges two contacts (identities, notes, tags, fields) and the undo restores both exactly", async () => {
    const t = await createTestTenant();
    await createContactField(t.actor, { name: "tier", label: "Tier", type: "TEXT" });
    const a = await createContact(t.actor, { displayName: "Ada L", tags: ["a"], customFields: { tier: "gold" }, identities: [{ kind: "PHONE", value: "+14155550300" }] });
    const b = await createContact(t.actor, { displayName: "Ada Lovelace", company: "Analytical", tags: ["b"], identities: [{ kind: "EMAIL", value: "ada@engine.test" }, { kind: "TELEGRAM", value: "123456" }] });
    await addContactNote(t.actor, { contactId: a.id, body: "called about invoice" });
    await addContactNote(t.actor, { contactId: b.id, body: "prefers email" });
    const beforeA = await snapshotContact(db, t.tenant.id, a.id);
    const beforeB = await snapshotContact(db, t.tenant.id, b.id);

    const { mergeId, contact } = await mergeContacts(t.actor, { survivorId: a.id, mergedId: b.id });
    expect(contact).toMatchObject({ displayName: "Ada L", company: "Analytical", tags: ["a", "b"], customFields: { tier: "gold" } });
    expect(contact.identities).toHaveLength(3);
    expect((await getContact(t.actor, { id: a.id })).notes.map((n) => n.body).sort()).toEqual(["called about invoice", "prefers email"]);
    await expect(getContact(t.actor, { id: b.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getContact(t.actor, { id: a.id })).lastMerge?.id).toBe(mergeId);

    const other = await createTestTenant();
    await expect(undoContactMerge(other.actor, { mergeId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await undoContactMerge(t.actor, { mergeId });
    expect(await snapshotContact(db, t.tenant.id, a.id)).toEqual(beforeA);
    expect(await snapshotContact(db, t.tenant.id, b.id)).toEqual(beforeB);
    await expect(undoContactMerge(t.actor, { mergeId })).rejects.toMatchObject({ code: "CONFLICT" });
    const actions = await db.auditLog.findMany({ where: { tenantId: t.tenant.id, action: { startsWith: "contact.merge" } }, select: { action: true } });
    expect(actions.map((x) => x.action).sort()).toEqual(["contact.merge_undone", "contact.merged"]);
  });

  it("a merge refuses another tenant's contact as not found and moves nothing", async () => {
    const t = await createTestTenant();
    const other = await createTestTenant();
    const mine = await createContact(t.actor, { displayName: "Mine" });
    const theirs = await createContact(other.actor, { displayName: "Theirs", identities: [{ kind: "EMAIL", value: "x@y.test" }] });
    await expect(mergeContacts(t.actor, { survivorId: mine.id, mergedId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getContact(other.actor, { id: theirs.id })).identities).toHaveLength(1);
  });

  it("the timeline lists calls from or to the contact's phones and its voicemail, newest first, paged", async () => {
    const t = await createTestTenant();
    const c = await createContact(t.actor, { displayName: "Caller", identities: [{ kind: "PHONE", value: "+14155550400" }] });
    const stranger = "+14155550499";
    const base = Date.UTC(2026, 0, 1);
    const callIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = newSid("CA");
      const inbound = i % 2 === 0;
      await db.call.create({ data: { id, tenantId: t.tenant.id, direction: inbound ? "INBOUND" : "OUTBOUND_API", status: "COMPLETED", from: inbound ? "+14155550400" : "+15005550006", to: inbound ? "+15005550006" : "+14155550400", createdAt: new Date(base + i * 60_000) } });
      callIds.push(id);
    }
    await db.call.create({ data: { id: newSid("CA"), tenantId: t.tenant.id, direction: "INBOUND", status: "COMPLETED", from: stranger, to: "+15005550006", createdAt: new Date(base + 10 * 60_000) } });
    const { recording } = await createTestRecording(t.tenant.id, { callId: callIds[2] });
    const box = await db.voicemailBox.create({ data: { id: newId("vmb"), tenantId: t.tenant.id, name: "Desk" } });
    const vmId = newSid("VM");
    await db.voicemail.create({ data: { id: vmId, tenantId: t.tenant.id, boxId: box.id, callId: callIds[2]!, recordingId: recording.id, from: "+14155550400", to: "+15005550006", durationSeconds: 4, createdAt: new Date(base + 2 * 60_000 + 30_000) } });

    const page1 = await findContactTimeline(t.actor, { contactId: c.id, limit: 3 });
    expect(page1.items.map((i) => `${i.type}:${i.id}`)).toEqual([`call:${callIds[3]}`, `voicemail:${vmId}`, `call:${callIds[2]}`]);
    expect(page1.items[2]!.data.recordings).toEqual([expect.objectContaining({ id: recording.id })]);
    const page2 = await findContactTimeline(t.actor, { contactId: c.id, limit: 3, cursor: page1.nextCursor });
    expect(page2.items.map((i) => i.id)).toEqual([callIds[1], callIds[0]]);
    expect(page2.hasMore).toBe(false);
    const other = await createTestTenant();
    await expect(findContactTimeline(other.actor, { contactId: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("agents may read and annotate but not delete or merge", async () => {
    const t = await createTestTenant({ role: "AGENT" });
    const c = await createContact(t.actor, { displayName: "Someone" });
    await expect(addContactNote(t.actor, { contactId: c.id, body: "hi" })).resolves.toMatchObject({ body: "hi", authorUserId: t.user.id });
    await expect(deleteContact(t.actor, { id: c.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
