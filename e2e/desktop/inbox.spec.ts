// The unified inbox in a real browser: an agent is Available at /desktop; a customer's SMS reaches the app's Twilio
// webhook, signed as Twilio signs it (with the account's own Twilio credential), and appears in the agent's list live
// (round-robin gave it to them) without a reload; the agent answers with a canned response, and the reply leaves
// through the embedded sender to the stack's Telnyx stand-in (the number was bought from Telnyx); "e" resolves it;
// the customer's call shows in the same thread. A supervisor's /inbox and its settings are shot too.
import { expect, test } from "@playwright/test";
import { randomInt } from "node:crypto";
import { hashPassword } from "../../src/server/auth/password";
import { setMessagingCredential } from "../../src/server/messages/set-messaging-credential";
import { newId, newSid } from "../../src/server/shared/ids";
import { twilioInboundMessage } from "../../src/test/messaging-provider-stand-ins";
import { closeE2eDatabase, e2eDatabase, ownerOf } from "../helpers/database";
import { shootSchemes } from "../helpers/screenshots";
import { signIn, signOut, signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

test("an inbound SMS appears live for an agent at /desktop, who replies and resolves; the contact's call is in the thread", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const db = e2eDatabase();
  const account = await signUpNewTenant(page);
  const { tenantId, actor } = await ownerOf(account.email);
  const ours = `+1628${randomInt(2_000_000, 9_999_999)}`;
  const customer = `+1415${randomInt(2_000_000, 9_999_999)}`;
  const accountSid = `AC${randomInt(10 ** 9, 2 * 10 ** 9)}${"0".repeat(22)}`;
  const authToken = "e2e-tenant-twilio-token-0123456789";
  await db.query(
    `INSERT INTO "PhoneNumber" (id, "tenantId", e164, origin, provider, "providerNumberId", "smsEnabled", "mmsEnabled", "messagingSegmentsPerSecond", "friendlyName", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'PROVISIONED', 'telnyx', 'tx-1', true, true, 10, 'Support line', now(), now())`,
    [newSid("PN"), tenantId, ours],
  );
  await db.query(`UPDATE "Tenant" SET "creditMicros" = 5000000 WHERE id = $1`, [tenantId]);
  await setMessagingCredential(actor, { provider: "twilio", accountSid, authToken });
  await db.query(`INSERT INTO "CannedResponse" (id, "tenantId", "shortCode", body, "createdAt", "updatedAt") VALUES ($1, $2, 'ship', 'Your parcel ships today. Tracking follows by text.', now(), now())`, [
    newId("cr"),
    tenantId,
  ]);
  // The agent: a member of the workspace with the AGENT role, signed in at the desktop.
  const agentEmail = `agent-${newId("x")}@example.test`;
  const agentId = newId("usr");
  await db.query(`INSERT INTO "User" (id, email, name, "passwordHash", "emailVerifiedAt", "createdAt", "updatedAt") VALUES ($1, $2, 'Ada Agent', $3, now(), now(), now())`, [
    agentId,
    agentEmail,
    await hashPassword(account.password),
  ]);
  await db.query(`INSERT INTO "Membership" (id, "tenantId", "userId", role, "createdAt") VALUES ($1, $2, $3, 'AGENT', now())`, [newId("mem"), tenantId, agentId]);

  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, agentEmail, account.password);
  await agent.goto("/desktop");
  await expect(agent.getByText("Nothing assigned to you")).toBeVisible();
  await agent.getByLabel("Your status").selectOption("available");
  await expect(agent.locator('[data-agent-state="available"]')).toBeVisible();
  // One presence: the inbox's round-robin reads the agent's state the server holds (nothing synced from the browser).
  await expect.poll(async () => (await db.query(`SELECT state FROM "Agent" WHERE "userId" = $1`, [agentId])).rows[0]?.state).toBe("AVAILABLE");
  await expect(agent.getByTestId("inbox").getByText("Live", { exact: true })).toBeVisible();

  // The customer texts: Twilio posts the signed form to the app's webhook.
  const base = process.env.E2E_BASE_URL!;
  const res = await fetch(twilioInboundMessage({ url: `${base}/api/webhooks/twilio/messages`, authToken, accountSid, from: customer, to: ours, body: "Hi, where is my parcel? Order 5521" }));
  expect(res.status).toBe(200);

  // Round-robin gave it to the only available agent; it shows under Mine live, without a reload.
  await expect.poll(async () => (await db.query(`SELECT "assigneeUserId" FROM "Conversation" WHERE "tenantId" = $1`, [tenantId])).rows[0]?.assigneeUserId).toBe(agentId);
  const row = agent.locator("[data-conversation-row]").filter({ hasText: customer });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await row.click();
  await expect(agent.getByText("Hi, where is my parcel? Order 5521")).toBeVisible();
  await expect(agent.getByText("Assigned to Ada Agent (round-robin)")).toBeVisible();

  // Reply with the canned response: "r", then "/ship" + Enter inserts it, Ctrl+Enter sends.
  await agent.locator("body").press("r");
  const reply = agent.getByLabel("Reply", { exact: true });
  await expect(reply).toBeFocused();
  await reply.fill("/sh");
  await expect(agent.getByRole("listbox", { name: "Canned responses" })).toBeVisible();
  await reply.press("Enter");
  await expect(reply).toHaveValue("Your parcel ships today. Tracking follows by text.");
  await reply.press("Control+Enter");
  await expect(agent.locator("[data-thread-item=message]").filter({ hasText: "Your parcel ships today" })).toBeVisible();

  // The reply reached the provider stand-in: the sender marks it sent, with the stand-in's message id.
  await expect
    .poll(async () => (await db.query(`SELECT status, provider, "providerMessageId", "conversationId" FROM "Message" WHERE "tenantId" = $1 AND direction = 'OUTBOUND'`, [tenantId])).rows[0], { timeout: 30_000 })
    .toMatchObject({ status: "SENT", provider: "telnyx", providerMessageId: expect.any(String), conversationId: expect.stringMatching(/^cv_/) });
  await expect(agent.locator("[data-thread-item=message]").filter({ hasText: "Your parcel ships today" }).getByText("sent")).toBeVisible({ timeout: 15_000 });

  // A note shows yellow in the thread. Esc leaves the text box, so the next keys are shortcuts again.
  await agent.keyboard.press("Escape");
  await agent.locator("body").press("n");
  await agent.getByLabel("Internal note").fill("Checked with the warehouse: it left at 9.");
  await agent.getByLabel("Internal note").press("Control+Enter");
  await expect(agent.locator("[data-thread-item=note]").filter({ hasText: "Checked with the warehouse" })).toBeVisible();
  await shootSchemes(agent, "inbox-desktop-thread");

  // "e" resolves it; the list (open conversations) empties and the status says so.
  await agent.keyboard.press("Escape");
  await agent.locator("body").press("e");
  await expect(agent.getByText("Nothing assigned to you")).toBeVisible({ timeout: 10_000 });
  await expect
    .poll(async () => (await db.query(`SELECT status, "resolvedAt" IS NOT NULL AS resolved FROM "Conversation" WHERE "tenantId" = $1`, [tenantId])).rows[0])
    .toEqual({ status: "RESOLVED", resolved: true });

  // The customer calls: the call is in the conversation's thread beside the messages.
  await db.query(
    `INSERT INTO "Call" (id, "tenantId", direction, "from", "to", status, "durationSeconds", "createdAt", "updatedAt") VALUES ($1, $2, 'INBOUND', $3, $4, 'COMPLETED', 42, now(), now())`,
    [newSid("CA"), tenantId, customer, ours],
  );
  // Calls are not announced on the inbox feed: the thread shows them when it is next read (here: a reload).
  await agent.reload();
  await agent.getByRole("combobox", { name: "Conversation status" }).click();
  await agent.getByRole("option", { name: "Resolved" }).click();
  await agent.locator("[data-conversation-row]").filter({ hasText: customer }).click();
  await expect(agent.getByTestId("conversation-status")).toHaveText("Resolved");
  await expect(agent.locator("[data-thread-item=call]")).toContainText("Call inbound · completed");
  await expect(agent.getByText("changed the status to resolved")).toBeVisible();
  await agent.locator("body").press("?");
  await expect(agent.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await agent.keyboard.press("Escape");

  // The owner's portal inbox: every conversation, filters, bulk resolve; and its settings.
  await page.goto("/inbox");
  await page.getByRole("combobox", { name: "Conversation status" }).click();
  await page.getByRole("option", { name: "Any status" }).click();
  await expect(page.locator("[data-conversation-row]").filter({ hasText: customer })).toBeVisible();
  await shootSchemes(page, "inbox-portal");
  await page.goto("/inbox/settings");
  await expect(page.getByText("/ship")).toBeVisible();
  await shootSchemes(page, "inbox-settings");
  await signOut(page);
});
