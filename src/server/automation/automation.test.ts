// Automation rules against real PostgreSQL: the rules' order, audit and roles; an inbound SMS queued with the
// message, the matching rules' actions run once (a reply through the sender's pipeline, a tag on the contact) however
// often the runner repeats; a tenant without rules queues nothing; another tenant's rule reads as not found.
import { describe, expect, it } from "vitest";
import { createAutomationRule } from "@/server/automation/create-automation-rule";
import { deleteAutomationRule } from "@/server/automation/delete-automation-rule";
import { findAutomationRules, findAutomationRuns } from "@/server/automation/find-automation-rules";
import { runAutomation } from "@/server/automation/run-automation";
import { updateAutomationRule } from "@/server/automation/update-automation-rule";
import { db } from "@/server/db";
import { receiveInboundMessage } from "@/server/messages/receive-inbound-message";
import { newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

let seq = 5000;
async function account() {
  const t = await createTestTenant();
  const e164 = `+1415556${String(seq++).padStart(4, "0")}`;
  await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: t.tenant.id, e164, origin: "PROVISIONED", providerNumberId: "x", smsEnabled: true, messagingSegmentsPerSecond: 100 } });
  return { ...t, number: e164 };
}

const inbound = (to: string, from: string, body: string) =>
  receiveInboundMessage({ provider: "twilio", eventKey: `auto-${newSid("SM")}`, providerMessageId: newSid("SM"), from, to, body, mediaUrls: [] });

const hoursRule = {
  name: "Opening hours",
  conditions: [{ kind: "text" as const, op: "contains" as const, values: ["opening hours", "open"] }],
  actions: [{ kind: "auto_reply" as const, body: "We are open 9 to 5, Monday to Friday." }, { kind: "tag_contact" as const, tag: "asked-hours" }],
};

describe("automation rules", () => {
  it("are kept in order: new ones last, a move shifts the others, a deletion closes the gap; each change audited; agents cannot write", async () => {
    const a = await account();
    const one = await createAutomationRule(a.actor, { ...hoursRule, name: "one" });
    const two = await createAutomationRule(a.actor, { ...hoursRule, name: "two" });
    const three = await createAutomationRule(a.actor, { ...hoursRule, name: "three" });
    expect([one.position, two.position, three.position]).toEqual([0, 1, 2]);
    await updateAutomationRule(a.actor, { ruleId: three.id, position: 0, enabled: false });
    expect((await findAutomationRules(a.actor)).map((r) => [r.name, r.position, r.enabled])).toEqual([["three", 0, false], ["one", 1, true], ["two", 2, true]]);
    await deleteAutomationRule(a.actor, { ruleId: one.id });
    expect((await findAutomationRules(a.actor)).map((r) => [r.name, r.position])).toEqual([["three", 0], ["two", 1]]);
    expect((await db.auditLog.findMany({ where: { tenantId: a.tenant.id, targetType: "automation_rule" } })).map((e) => e.action).sort()).toEqual(
      ["automation_rule.created", "automation_rule.created", "automation_rule.created", "automation_rule.deleted", "automation_rule.updated"].sort(),
    );
    const agent = { ...a.actor, role: "AGENT" as const };
    await expect(createAutomationRule(agent, hoursRule)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(findAutomationRules(agent)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await account();
    await expect(updateAutomationRule(other.actor, { ruleId: two.id, enabled: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteAutomationRule(other.actor, { ruleId: two.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findAutomationRuns(other.actor, { ruleId: two.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a bad rule with the field named", async () => {
    const a = await account();
    await expect(createAutomationRule(a.actor, { name: "x", conditions: [{ kind: "channel", channels: [] }], actions: [{ kind: "tag_contact", tag: "" }] })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["conditions", 0, "channels"] }), expect.objectContaining({ path: ["actions", 0, "tag"] })]),
    });
  });

  it("an inbound SMS that matches: one reply through the sender's pipeline and the sender tagged, once however often the runner runs", async () => {
    const a = await account();
    const hours = await createAutomationRule(a.actor, hoursRule);
    await createAutomationRule(a.actor, { name: "never", conditions: [{ kind: "channel", channels: ["email"] }], actions: [{ kind: "tag_contact", tag: "never" }] });
    const got = await inbound(a.number, "+14155550177", "Hi! What are your opening hours?");
    if (got.outcome !== "received") throw new Error(got.outcome);
    expect(await db.automationQueue.count({ where: { messageId: got.message.id } })).toBe(1);

    const pass = await runAutomation();
    expect(pass).toMatchObject({ messages: expect.any(Number) as number, failed: 0 });
    const replies = await db.message.findMany({ where: { tenantId: a.tenant.id, direction: "OUTBOUND" } });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ channel: "SMS", from: a.number, to: "+14155550177", body: "We are open 9 to 5, Monday to Friday.", status: "QUEUED" });
    const contact = await db.contact.findFirstOrThrow({ where: { tenantId: a.tenant.id, identities: { some: { kind: "PHONE", value: "+14155550177" } } } });
    expect(contact.tags).toEqual(["asked-hours"]);
    const runs = await findAutomationRuns(a.actor, { ruleId: hours.id });
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0]!.results).toEqual([
      { kind: "auto_reply", outcome: "done", detail: replies[0]!.id },
      { kind: "tag_contact", outcome: "done", detail: contact.id },
    ]);
    expect((await findAutomationRules(a.actor)).map((r) => r.runCount)).toEqual([1, 0]);

    // The message queued again (a runner that died before deleting it): nothing runs twice.
    await db.automationQueue.create({ data: { messageId: got.message.id, tenantId: a.tenant.id } });
    await runAutomation();
    expect(await db.message.count({ where: { tenantId: a.tenant.id, direction: "OUTBOUND" } })).toBe(1);
    expect((await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).tags).toEqual(["asked-hours"]);
    expect(await db.automationQueue.count({ where: { messageId: got.message.id } })).toBe(0);

    // A second message from the tagged contact: the tag condition sees it.
    await createAutomationRule(a.actor, { name: "vip", conditions: [{ kind: "contact_tag", op: "has", tag: "asked-hours" }], actions: [{ kind: "tag_contact", tag: "returning" }], stopProcessing: true });
    await updateAutomationRule(a.actor, { ruleId: (await findAutomationRules(a.actor))[2]!.id, position: 0 });
    await inbound(a.number, "+14155550177", "open on Sunday?");
    await runAutomation();
    expect((await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).tags).toEqual(["asked-hours", "returning"]);
    // The vip rule stopped processing: no second reply.
    expect(await db.message.count({ where: { tenantId: a.tenant.id, direction: "OUTBOUND" } })).toBe(1);
  });

  it("a failing action is recorded on the run and the other actions still run; a tenant without rules queues nothing", async () => {
    const a = await account();
    // The sender opted out: the reply is refused (21610), the tag is still added.
    await db.messagingSuppression.create({ data: { id: `sup_${newSid("SM")}`, tenantId: a.tenant.id, address: "+14155550178", source: "manual" } });
    await createAutomationRule(a.actor, hoursRule);
    const got = await inbound(a.number, "+14155550178", "open today?");
    if (got.outcome !== "received") throw new Error(got.outcome);
    await runAutomation();
    const [run] = (await findAutomationRuns(a.actor)).items;
    expect(run!.results.map((r) => [r.kind, r.outcome])).toEqual([["auto_reply", "failed"], ["tag_contact", "done"]]);
    expect(run!.error).toMatch(/auto_reply: .*opt/i);

    const quiet = await account();
    const none = await inbound(quiet.number, "+14155550179", "open?");
    if (none.outcome !== "received") throw new Error(none.outcome);
    expect(await db.automationQueue.count({ where: { messageId: none.message.id } })).toBe(0);
  });

  it("acts on the message's conversation in the inbox: assigns it to a member, labels it, raises its priority, resolves it; a member of another account is refused at save", async () => {
    const a = await account();
    const b = await account();
    await expect(
      createAutomationRule(a.actor, { name: "foreign", conditions: [{ kind: "channel", channels: ["sms"] }], actions: [{ kind: "assign", userId: b.user.id }] }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/actions: .*not a member/) });
    await createAutomationRule(a.actor, {
      name: "Billing",
      conditions: [{ kind: "text", op: "contains", values: ["invoice"] }],
      actions: [{ kind: "assign", userId: a.user.id }, { kind: "label", label: "billing" }, { kind: "priority", priority: "urgent" }, { kind: "resolve" }],
    });
    const got = await inbound(a.number, "+14155550181", "Where is my invoice?");
    if (got.outcome !== "received") throw new Error(got.outcome);
    const message = await db.message.findUniqueOrThrow({ where: { id: got.message.id } });
    expect(message.conversationId).not.toBeNull();
    await runAutomation();
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: message.conversationId! } });
    expect(conversation).toMatchObject({ assigneeUserId: a.user.id, labels: ["billing"], priority: "URGENT", status: "RESOLVED" });
    const activity = await db.conversationActivity.findMany({ where: { conversationId: conversation.id }, orderBy: { createdAt: "asc" } });
    expect(activity.map((x) => x.kind)).toEqual(expect.arrayContaining(["assigned", "label_added", "priority_changed", "status_changed"]));
    const [run] = (await findAutomationRuns(a.actor)).items;
    expect(run!.results.map((r) => r.outcome)).toEqual(["done", "done", "done", "done"]);
  });
});
