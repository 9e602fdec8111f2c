// The inbox's new outbound email against real PostgreSQL and the Resend stand-in: a typed address or a picked contact,
// a rich-text body (its text part derived) or an email template with its values; the email leaves through the sender
// to Resend and opens a new conversation assigned to its writer. Bad input names the composer's field and leaves no
// conversation, contact or message behind; another tenant's contact is not found.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { findEmailRecipients } from "@/server/inbox/find-email-recipients";
import { findEmailSenders } from "@/server/inbox/find-email-senders";
import { startEmailConversation } from "@/server/inbox/start-email-conversation";
import { receiveSendgridInbound } from "@/server/messages/receive-sendgrid-inbound";
import { runMessageSender } from "@/server/messages/run-message-sender";
import { newId } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";
import { createTestTenant, testTenantIds } from "@/test/factories";
import { startResendStandIn, type ResendStandIn } from "@/test/resend-stand-in";

let resend: ResendStandIn;
beforeAll(async () => {
  resend = await startResendStandIn();
  vi.stubEnv("RESEND_API_KEY", resend.apiKey);
  vi.stubEnv("RESEND_BASE_URL", resend.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await resend.close();
});

async function account(opts: { verified?: boolean } = {}) {
  const t = await createTestTenant();
  const domain = `${t.tenant.id.replace(/_/g, "-")}.mail.example.com`;
  const inboundToken = `sdi_${randomBytes(16).toString("hex")}`;
  await db.sendingDomain.create({
    data: { id: newId("sd"), tenantId: t.tenant.id, domain, dkimSelector: "irisx", dkimPublicKey: "x", dkimPrivateKeySealed: "x", verifiedAt: opts.verified === false ? null : new Date(), inboundToken },
  });
  const agentId = newId("usr");
  await db.user.create({ data: { id: agentId, email: `${agentId}@example.test`, name: "Ann Agent", passwordHash: "x" } });
  await db.membership.create({ data: { id: newId("mem"), tenantId: t.tenant.id, userId: agentId, role: "AGENT" } });
  const agent: Actor = { tenantId: t.tenant.id, userId: agentId, role: "AGENT", apiKeyId: null, impersonatorId: null, requestId: "test" };
  return { ...t, domain, agent, inboundToken };
}

async function contactWithEmail(tenantId: string, name: string, email: string) {
  const id = newId("ct");
  await db.contact.create({ data: { id, tenantId, displayName: name, tags: [] } });
  await db.contactIdentity.create({ data: { id: newId("cti"), tenantId, contactId: id, kind: "EMAIL", value: email } });
  return id;
}

const sender = () => runMessageSender({ deadlineMs: 5_000, tenantIds: testTenantIds() });
const fieldOf = (e: unknown) => Object.keys((e as { details?: { fieldErrors?: object } }).details?.fieldErrors ?? (e as { issues?: { path: string[] }[] }).issues?.reduce((o, i) => ({ ...o, [i.path.join(".")]: 1 }), {}) ?? {});

describe("a new email from the inbox", () => {
  it("to a typed address: makes the contact, opens a conversation assigned to the writer, and Resend gets the email", async () => {
    const a = await account();
    const { conversation, message } = await startEmailConversation(a.agent, {
      from: `Support <support@${a.domain}>`, to: "New.Person@Example.net", subject: "Your order", html: "<p>Hello <strong>there</strong> &amp; welcome</p><ul><li>one</li></ul>",
    });
    expect(conversation).toMatchObject({ channel: "email", status: "open", assigneeUserId: a.agent.userId, inboxAddress: `support@${a.domain}`, contactAddress: "new.person@example.net", contactName: "new.person@example.net", unreadCount: 0 });
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).conversationId).toBe(conversation.id);
    const identity = await db.contactIdentity.findFirstOrThrow({ where: { tenantId: a.tenant.id, kind: "EMAIL", value: "new.person@example.net" } });
    expect(identity.contactId).toBe(conversation.contactId);
    expect(await db.conversationActivity.count({ where: { conversationId: conversation.id, kind: "assigned" } })).toBe(1);

    await sender();
    const sent = resend.requests.filter((q) => q.idempotencyKey === message.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.emails[0]).toMatchObject({
      from: `Support <support@${a.domain}>`, to: ["new.person@example.net"], subject: "Your order",
      html: "<p>Hello <strong>there</strong> &amp; welcome</p><ul><li>one</li></ul>", text: "Hello there & welcome\n- one",
    });
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("SENT");
  });

  it("the customer's reply (SendGrid Inbound Parse, In-Reply-To our Message-ID) lands in the conversation the composer opened", async () => {
    const a = await account();
    const { conversation, message } = await startEmailConversation(a.agent, { from: `Support <support@${a.domain}>`, to: "reply.person@example.net", subject: "Your order", html: "<p>Shipped today</p>" });
    await sender();
    const ours = (await db.message.findUniqueOrThrow({ where: { id: message.id } })).emailMessageId;
    expect(ours).toMatch(/^<.+@.+>$/);
    const form = new FormData();
    for (const [k, v] of Object.entries({ from: "Reply Person <reply.person@example.net>", to: `support@${a.domain}`, subject: "Re: Your order", text: "Thank you!", headers: `Message-ID: <answer-1@example.net>\r\nIn-Reply-To: ${ours}\r\nReferences: ${ours}\r\nSubject: Re: Your order\r\n` })) form.set(k, v);
    expect((await receiveSendgridInbound(a.inboundToken, await new Request("http://x/", { method: "POST", body: form }).formData())).outcome).toBe("received");
    const answer = await db.message.findFirstOrThrow({ where: { tenantId: a.tenant.id, direction: "INBOUND" } });
    expect(answer).toMatchObject({ conversationId: conversation.id, threadKey: ours, inReplyToId: message.id, emailInReplyTo: ours });
    expect(await db.conversation.count({ where: { tenantId: a.tenant.id } })).toBe(1);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({ assigneeUserId: a.agent.userId, unreadCount: 1 });
  });

  it("to a picked contact (its email address), with an email template and its values", async () => {
    const a = await account();
    const contactId = await contactWithEmail(a.tenant.id, "Dana Buyer", "dana@example.net");
    const templateId = newId("tpl");
    await db.messageTemplate.create({
      data: { id: templateId, tenantId: a.tenant.id, channel: "EMAIL", name: "welcome", subject: "Welcome {{name}}", html: "<p>Hi {{name}}</p>", text: "Hi {{name}}", variables: ["name"] },
    });
    await expect(startEmailConversation(a.agent, { from: `support@${a.domain}`, contactId, templateId })).rejects.toSatisfy((e) => fieldOf(e).includes("templateVariables"));
    const { conversation, message } = await startEmailConversation(a.agent, { from: `support@${a.domain}`, contactId, templateId, templateVariables: { name: "Dana" } });
    expect(conversation).toMatchObject({ contactId, contactName: "Dana Buyer", contactAddress: "dana@example.net" });
    await sender();
    expect(resend.requests.find((q) => q.idempotencyKey === message.id)!.emails[0]).toMatchObject({ to: ["dana@example.net"], subject: "Welcome Dana", html: "<p>Hi Dana</p>", text: "Hi Dana" });
  });

  it("bad input names the field and leaves nothing behind", async () => {
    const a = await account();
    const base = { from: `support@${a.domain}`, to: "bob@example.net", subject: "Hi", html: "<p>Hello</p>" };
    const cases: [object, string][] = [
      [{ ...base, to: undefined }, "to"],
      [{ ...base, to: "not-an-address" }, "to"],
      [{ ...base, subject: "  " }, "subject"],
      [{ ...base, html: "<p></p>" }, "body"],
      [{ ...base, from: "" }, "from"],
      [{ ...base, from: "support@not-ours.example.org" }, "from"],
      [{ ...base, templateId: "tpl_nope", html: "" }, "templateId"],
    ];
    for (const [input, field] of cases) {
      await expect(startEmailConversation(a.agent, input as never), field).rejects.toSatisfy((e) => fieldOf(e).includes(field));
    }
    const noEmail = newId("ct");
    await db.contact.create({ data: { id: noEmail, tenantId: a.tenant.id, displayName: "No Email", tags: [] } });
    await expect(startEmailConversation(a.agent, { ...base, to: undefined, contactId: noEmail })).rejects.toSatisfy((e) => fieldOf(e).includes("contactId"));
    const unverified = await account({ verified: false });
    await expect(startEmailConversation(unverified.agent, { ...base, from: `support@${unverified.domain}` })).rejects.toMatchObject({ message: expect.stringMatching(/^from: .*not verified/) });
    for (const tenantId of [a.tenant.id, unverified.tenant.id]) {
      expect(await db.conversation.count({ where: { tenantId } })).toBe(0);
      expect(await db.message.count({ where: { tenantId } })).toBe(0);
      expect(await db.contactIdentity.count({ where: { tenantId, value: "bob@example.net" } })).toBe(0);
    }
  });

  it("another tenant's contact is not found; the pickers show only the account's contacts and verified domains", async () => {
    const a = await account();
    const b = await account();
    const bContact = await contactWithEmail(b.tenant.id, "B Person", "bperson@example.net");
    await contactWithEmail(a.tenant.id, "Alice Buyer", "alice@example.net");
    await expect(startEmailConversation(a.agent, { from: `support@${a.domain}`, contactId: bContact, subject: "x", html: "<p>x</p>" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findEmailRecipients(a.agent, { search: "" })).toEqual([{ contactId: expect.any(String), name: "Alice Buyer", email: "alice@example.net" }]);
    expect(await findEmailRecipients(a.agent, { search: "ALICE" })).toHaveLength(1);
    expect(await findEmailRecipients(a.agent, { search: "bperson" })).toEqual([]);
    expect(await findEmailSenders(a.agent)).toEqual({ domains: [a.domain], addresses: [] });
    await startEmailConversation(a.agent, { from: `help@${a.domain}`, to: "alice@example.net", subject: "x", html: "<p>x</p>" });
    expect(await findEmailSenders(a.agent)).toEqual({ domains: [a.domain], addresses: [`help@${a.domain}`] });
  });
});
