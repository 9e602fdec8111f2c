// The inbox's reports, @mention notifications and new-email composer in a real browser. A supervisor's note
// @mentioning an agent rings the agent's bell at /desktop live (the note is written through the app, its NOTIFY
// reaches the agent's open subscription); the agent opens it from the bell, which marks it read and opens the
// conversation. The reports page draws its charts and tables over seeded conversations. The composer refuses an empty
// email field by field, then sends to a picked contact through the tenant's Resend key to the stack's Resend
// stand-in, and opens the new conversation. Shot in light and dark, the composer also at phone width.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { hashPassword } from "../../src/server/auth/password";
import { setMessagingCredential } from "../../src/server/messages/set-messaging-credential";
import { newId, newSid } from "../../src/server/shared/ids";
import { closeE2eDatabase, e2eDatabase, ownerOf } from "../helpers/database";
import { shootPhone, shootSchemes } from "../helpers/screenshots";
import { signIn, signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

/** A conversation with one inbound message, `daysAgo` days back; answered and resolved after the given seconds. */
async function seedConversation(tenantId: string, opts: { contactName: string; channel: "SMS" | "EMAIL"; daysAgo: number; assignee?: string; firstResponseS?: number; resolvedS?: number }) {
  const db = e2eDatabase();
  const contactId = newId("ct");
  const id = newId("cv");
  await db.query(`INSERT INTO "Contact" (id, "tenantId", "displayName", tags, "createdAt", "updatedAt") VALUES ($1, $2, $3, '{}', now(), now())`, [contactId, tenantId, opts.contactName]);
  const created = `now() - interval '${opts.daysAgo} days'`;
  await db.query(
    `INSERT INTO "Conversation" (id, "tenantId", "contactId", channel, "inboxAddress", "contactAddress", status, "assigneeUserId", labels, "lastMessageAt", "firstResponseAt", "resolvedAt", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, '+14155550100', $5, $6, $7, '{}', ${created}, ${created} + make_interval(secs => $8), ${created} + make_interval(secs => $9), ${created}, now())`,
    [id, tenantId, contactId, opts.channel, `+1415${randomBytes(3).readUIntBE(0, 3) % 10_000_000}`, opts.resolvedS !== undefined ? "RESOLVED" : "OPEN", opts.assignee ?? null, opts.firstResponseS ?? null, opts.resolvedS ?? null],
  );
  await db.query(
    `INSERT INTO "Message" (id, "tenantId", channel, direction, status, "from", "to", body, "conversationId", "mediaUrls", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'INBOUND', 'RECEIVED', 'them', 'us', $4, $5, '{}', ${created}, now())`,
    [newSid("SM"), tenantId, opts.channel, `Hello from ${opts.contactName}`, id],
  );
  return id;
}

test("a mention rings the agent's bell live; the reports draw; a new email reaches Resend", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const db = e2eDatabase();
  const account = await signUpNewTenant(page);
  const { tenantId, actor } = await ownerOf(account.email);
  await db.query(`UPDATE "Tenant" SET "creditMicros" = 5000000 WHERE id = $1`, [tenantId]);

  // Ada, an agent of the workspace, at her desktop.
  const agentEmail = `ada-${newId("x")}@example.test`;
  const agentId = newId("usr");
  await db.query(`INSERT INTO "User" (id, email, name, "passwordHash", "emailVerifiedAt", "createdAt", "updatedAt") VALUES ($1, $2, 'Ada Agent', $3, now(), now(), now())`, [agentId, agentEmail, await hashPassword(account.password)]);
  await db.query(`INSERT INTO "Membership" (id, "tenantId", "userId", role, "createdAt") VALUES ($1, $2, $3, 'AGENT', now())`, [newId("mem"), tenantId, agentId]);

  // Conversations of the last days (reports), one of them today's and Ada's (the mention).
  const conversationId = await seedConversation(tenantId, { contactName: "Paula Parcel", channel: "SMS", daysAgo: 0, assignee: agentId });
  await seedConversation(tenantId, { contactName: "Rob Refund", channel: "SMS", daysAgo: 1, assignee: agentId, firstResponseS: 90, resolvedS: 3600 });
  await seedConversation(tenantId, { contactName: "Eve Email", channel: "EMAIL", daysAgo: 3, assignee: agentId, firstResponseS: 600, resolvedS: 7200 });
  await seedConversation(tenantId, { contactName: "Nick Nobody", channel: "SMS", daysAgo: 5 });

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, agentEmail, account.password);
  await agent.goto("/desktop");
  const bell = agent.getByTestId("notification-bell");
  await expect(bell).toBeVisible();
  await expect(agent.getByTestId("notification-count")).toHaveCount(0);
  await expect(agent.getByTestId("inbox").getByText("Live", { exact: true })).toBeVisible();

  // The owner writes a note mentioning @ada in the portal's inbox.
  await page.goto(`/inbox?conversation=${conversationId}`);
  await expect(page.getByText("Hello from Paula Parcel")).toBeVisible();
  await page.locator("body").press("n");
  const note = page.getByLabel("Internal note", { exact: true });
  await expect(note).toBeFocused();
  await note.fill("@ada the customer called again, can you take it?");
  await note.press("Control+Enter");
  await expect(page.locator("[data-thread-item=note]").filter({ hasText: "can you take it?" })).toBeVisible();

  // Ada's bell rings without a reload; the bell lists it; opening it marks it read and opens the conversation.
  await expect(agent.getByTestId("notification-count")).toHaveText("1", { timeout: 10_000 });
  await bell.click();
  const item = agent.getByTestId("notification-item").first();
  await expect(item).toContainText("mentioned you about Paula Parcel");
  await expect(item).toContainText("can you take it?");
  await shootSchemes(agent, "inbox-mention-bell", { phone: false });
  await item.click();
  await expect(agent).toHaveURL(new RegExp(`/desktop\\?conversation=${conversationId}`));
  await expect(agent.locator("[data-thread-item=note]").filter({ hasText: "can you take it?" })).toBeVisible();
  await expect(agent.getByTestId("notification-count")).toHaveCount(0);
  await expect.poll(async () => (await db.query(`SELECT "readAt" IS NOT NULL AS read FROM "Notification" WHERE "userId" = $1`, [agentId])).rows).toEqual([{ read: true }]);

  // A second mention, then "Mark all read".
  await note.fill("@ada also: refund approved");
  await note.press("Control+Enter");
  await expect(agent.getByTestId("notification-count")).toHaveText("1", { timeout: 10_000 });
  await bell.click();
  await agent.getByRole("button", { name: "Mark all read" }).click();
  await expect(agent.getByTestId("notification-count")).toHaveCount(0);
  await agent.keyboard.press("Escape");
  await agentContext.close();

  // The reports: the day chart, the channel and agent tables, the heatmap.
  await page.goto("/inbox/reports");
  await page.getByRole("radio", { name: "Last 7 days" }).click();
  await expect(page.getByTestId("inbox-report-summary")).toContainText("Conversations opened");
  // Four opened (two of them resolved); the agent's first responses 90 s and 600 s: median 5m 45s, p90 9m 9s.
  await expect(page.getByTestId("inbox-report-summary")).toContainText(/Conversations opened\s*4\s*2 of them resolved/);
  await expect(page.getByTestId("inbox-volume-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("inbox-channel-table").getByRole("row", { name: /SMS/ })).toContainText("3");
  await expect(page.getByTestId("inbox-agent-table").getByRole("row", { name: /Ada Agent/ })).toContainText("5m 45s / 9m 9s");
  await expect(page.getByTestId("inbox-hours-heatmap")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^inbox-report-7d-\d{4}-\d{2}-\d{2}\.csv$/);
  await shootSchemes(page, "inbox-reports");

  // The composer: a verified sending domain, the tenant's own Resend key (the stack's stand-in), a contact to pick.
  const domain = `mail-${randomBytes(3).toString("hex")}.acme.test`;
  await db.query(
    `INSERT INTO "SendingDomain" (id, "tenantId", domain, "dkimSelector", "dkimPublicKey", "dkimPrivateKeySealed", "verifiedAt", "createdAt", "updatedAt") VALUES ($1, $2, $3, 'irisx', 'x', 'x', now(), now(), now())`,
    [newId("sd"), tenantId, domain],
  );
  await setMessagingCredential(actor, { provider: "resend", apiKey: process.env.E2E_RESEND_API_KEY! });
  const danaEmail = `dana-${randomBytes(3).toString("hex")}@example.net`;
  const danaId = newId("ct");
  await db.query(`INSERT INTO "Contact" (id, "tenantId", "displayName", tags, "createdAt", "updatedAt") VALUES ($1, $2, 'Dana Buyer', '{}', now(), now())`, [danaId, tenantId]);
  await db.query(`INSERT INTO "ContactIdentity" (id, "tenantId", "contactId", kind, value, "createdAt") VALUES ($1, $2, $3, 'EMAIL', $4, now())`, [newId("cti"), tenantId, danaId, danaEmail]);

  await page.goto("/inbox");
  await page.locator("body").press("c");
  const composer = page.getByRole("dialog", { name: "New email" });
  await expect(composer).toBeVisible();
  await expect(composer.getByLabel("From")).toHaveValue(`support@${domain}`);
  // Sent empty: each field says what it needs.
  await composer.getByRole("button", { name: "Send email" }).click();
  await expect(composer.getByText("pick a contact or type an email address")).toBeVisible();
  await expect(composer.getByText("an email needs a subject")).toBeVisible();
  await expect(composer.getByText("write the email, or pick a template")).toBeVisible();
  await shootSchemes(page, "inbox-new-email-errors", { phone: false });
  await shootPhone(page, "inbox-new-email-errors");

  await composer.getByRole("combobox", { name: "To" }).fill("Dana");
  await composer.getByRole("option", { name: /Dana Buyer/ }).click();
  await expect(composer.getByTestId("email-recipient")).toContainText(danaEmail);
  await composer.getByLabel("Subject").fill("Your refund is on its way");
  await composer.getByTestId("email-body-editor").locator("[contenteditable=true]").click();
  await page.keyboard.type("Hello Dana, the refund left today.");
  await shootSchemes(page, "inbox-new-email", { phone: false });
  await shootPhone(page, "inbox-new-email");
  await page.keyboard.press("Control+Enter");
  await expect(composer).toBeHidden();

  // The new conversation is open; the email left through the sender to the Resend stand-in.
  await expect(page.locator("[data-thread-item=message]").filter({ hasText: "the refund left today" })).toBeVisible();
  await expect
    .poll(async () => (await fetch(`${process.env.E2E_RESEND_URL}/_stand-in/delivered`).then((r) => r.json() as Promise<{ to: string | string[]; subject: string; html?: string; text?: string }[]>)).filter((d) => [d.to].flat().includes(danaEmail)), { timeout: 30_000 })
    .toEqual([expect.objectContaining({ subject: "Your refund is on its way", html: "<p>Hello Dana, the refund left today.</p>", text: "Hello Dana, the refund left today." })]);
  await expect
    .poll(async () => (await db.query(`SELECT m.status, m.provider, c."assigneeUserId" FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId" WHERE m."tenantId" = $1 AND m.channel = 'EMAIL' AND m.direction = 'OUTBOUND'`, [tenantId])).rows)
    .toEqual([{ status: "SENT", provider: "resend", assigneeUserId: actor.userId }]);
  await shootSchemes(page, "inbox-new-email-sent", { phone: false });
});
