// The contact centre in a real browser: a supervisor adds a skill and an away reason (a taken name is refused under
// its field), creates a queue and edits its routing settings (a bad value shows the field's error), puts an agent
// on it; the agent, in a browser of their own at /desktop, goes available and away, and the supervisor's grid follows
// live without a reload; a forced log-out is confirmed; the wallboard shows the queue's tile.
import { expect, test } from "@playwright/test";
import { hashPassword } from "../../src/server/auth/password";
import { newId, newSid } from "../../src/server/shared/ids";
import { closeE2eDatabase, e2eDatabase, ownerOf } from "../helpers/database";
import { shootPhone, shootSchemes } from "../helpers/screenshots";
import { signIn, signOut, signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

async function addMember(tenantId: string, name: string, role: "SUPERVISOR" | "AGENT", password: string): Promise<{ email: string; userId: string }> {
  const db = e2eDatabase();
  const email = `${role.toLowerCase()}-${newId("x")}@example.test`.toLowerCase();
  const userId = newId("usr");
  await db.query(`INSERT INTO "User" (id, email, name, "passwordHash", "emailVerifiedAt", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, now(), now(), now())`, [userId, email, name, await hashPassword(password)]);
  await db.query(`INSERT INTO "Membership" (id, "tenantId", "userId", role, "createdAt") VALUES ($1, $2, $3, $4, now())`, [newId("mem"), tenantId, userId, role]);
  return { email, userId };
}

test("a supervisor sets up a queue and watches an agent's state change live; the wallboard shows the queue", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const account = await signUpNewTenant(page);
  const { tenantId } = await ownerOf(account.email);
  const supervisor = await addMember(tenantId, "Sam Supervisor", "SUPERVISOR", account.password);
  const agentMember = await addMember(tenantId, "Ada Agent", "AGENT", account.password);
  await signOut(page);
  await signIn(page, supervisor.email, account.password);

  // Settings → Contact centre: a skill, an away reason; the same skill again is refused under the field.
  await page.goto("/settings/contact-centre");
  await expect(page.getByRole("heading", { level: 1, name: "Contact centre" })).toBeVisible();
  await expect(page.getByText("No skills yet.")).toBeVisible();
  const skills = page.getByRole("form", { name: "Add skill" });
  await skills.getByLabel("New skill").fill("Billing");
  await skills.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("list", { name: "Skills" }).getByText("Billing")).toBeVisible();
  await skills.getByLabel("New skill").fill("billing");
  await skills.getByRole("button", { name: "Add" }).click();
  await expect(skills.getByText('"billing" already exists')).toBeVisible();
  const reasons = page.getByRole("form", { name: "Add away reason" });
  await reasons.getByLabel("New away reason").fill("Lunch");
  await reasons.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("list", { name: "Away reasons" }).getByText("Lunch")).toBeVisible();
  await shootSchemes(page, "acd-settings-lists");

  // Queues: empty, then a new queue opens its page.
  await page.goto("/queues");
  await expect(page.getByText("No queues yet")).toBeVisible();
  await shootSchemes(page, "acd-queues-empty", { phone: false });
  await page.getByRole("button", { name: "New queue" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Support");
  await page.getByRole("dialog").getByRole("button", { name: "Create queue" }).click();
  await page.waitForURL(/\/queues\/QU/);
  await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();

  // A bad value shows the field's error; a good one saves.
  const form = page.getByRole("form", { name: "Queue settings" });
  const sl = form.getByLabel("Service level target (seconds)");
  await sl.fill("0");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("at least 1")).toBeVisible();
  await expect(sl).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Overflow to").selectOption("number");
  await form.getByLabel("Overflow target").fill("12345");
  await sl.fill("30");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("must be a phone number in E.164 form")).toBeVisible();
  await form.getByLabel("Overflow target").fill("+14155550123");
  await form.getByLabel("Strategy").selectOption("ring-all");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Queue settings saved")).toBeVisible();
  const saved = await e2eDatabase().query(`SELECT strategy, "serviceLevelSeconds", "overflowAction", "overflowTarget" FROM "CallQueue" WHERE "tenantId" = $1`, [tenantId]);
  expect(saved.rows[0]).toEqual({ strategy: "ring-all", serviceLevelSeconds: 30, overflowAction: "number", overflowTarget: "+14155550123" });
  const queueUrl = page.url();

  // Callbacks: the queue offers them with two attempts; a caller who pressed 1 is listed on /queues, in their place,
  // with the attempts made and how the last went.
  await form.getByLabel("Offer callers a call back (press 1, keeping their place)").check();
  await form.getByLabel("Callback attempts").fill("2");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Queue settings saved").last()).toBeVisible(); // the first save's toast may still be up
  const queueId = queueUrl.split("/").pop()!;
  const callbackId = newId("qcb");
  await e2eDatabase().query(
    `INSERT INTO "QueueCallback" (id, "tenantId", "queueId", "callId", number, "callerId", "enqueuedAt", status, attempts, "lastOutcome", "nextAttemptAt", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, '+14155550188', '+14155550100', now() - interval '5 minutes', 'pending', 1, 'busy', now() + interval '4 minutes', now(), now())`,
    [callbackId, tenantId, queueId, newSid("CA")],
  );
  await page.goto("/queues");
  const callbacks = page.getByRole("region", { name: "Callbacks" });
  const callbackRow = callbacks.getByRole("row").filter({ hasText: "+14155550188" });
  await expect(callbackRow).toContainText("Support");
  await expect(callbackRow).toContainText("Waiting");
  await expect(callbackRow).toContainText("1 of 2");
  await expect(callbackRow).toContainText("busy · next try");

  // The agent opens the desktop (which makes them an agent, offline).
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, agentMember.email, account.password);
  await agent.goto("/desktop");
  const status = agent.getByLabel("Your status");
  await expect(status).toHaveValue("offline");

  // The supervisor puts them on the queue, then watches the grid.
  await page.goto(queueUrl);
  await page.getByLabel("Ada Agent").check();
  await page.getByRole("button", { name: "Save agents" }).click();
  await expect(page.getByText("Agents saved")).toBeVisible();
  await page.goto("/agents");
  const row = page.getByRole("row").filter({ hasText: "Ada Agent" });
  await expect(row.locator("[data-agent-state]")).toHaveAttribute("data-agent-state", "offline");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  await status.selectOption("available");
  await expect(agent.locator('[data-agent-state="available"]')).toBeVisible();
  await expect(row.locator("[data-agent-state]")).toHaveAttribute("data-agent-state", "available", { timeout: 10_000 });
  await status.selectOption({ label: "Away: Lunch" });
  await expect(row.locator("[data-agent-state]")).toHaveAttribute("data-agent-state", "away", { timeout: 10_000 });
  await expect(row.getByText("Lunch")).toBeVisible();
  await shootSchemes(page, "acd-agents-grid");
  await shootSchemes(agent, "acd-desktop-status", { phone: true });

  // A forced log-out asks first, then the agent's own desktop follows.
  await row.getByRole("button", { name: "Manage Ada Agent" }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page.getByRole("dialog", { name: "Log out: Ada Agent?" })).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Log out" }).click();
  await expect(row.locator("[data-agent-state]")).toHaveAttribute("data-agent-state", "offline", { timeout: 10_000 });
  await expect(status).toHaveValue("offline", { timeout: 10_000 });

  // The queue's page has its numbers; the wallboard its tile.
  await status.selectOption("available");
  await page.goto(queueUrl);
  await expect(page.getByText("Agents available").locator("..")).toContainText("1");
  await shootSchemes(page, "acd-queue-detail");
  await page.goto("/wallboard");
  const tile = page.getByRole("region", { name: "Queue Support" });
  await expect(tile).toBeVisible();
  await expect(tile).toHaveAttribute("data-level", "ok");
  await expect(tile.getByText("Waiting")).toBeVisible();
  await page.screenshot({ path: "test-results/acd-wallboard-dark.png", fullPage: true });
  await shootPhone(page, "acd-wallboard");
});

test("an agent in wrap-up must pick the queue's required disposition; a queue over its thresholds turns its wallboard tile red", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const db = e2eDatabase();
  const account = await signUpNewTenant(page);
  const { tenantId } = await ownerOf(account.email);
  const agentMember = await addMember(tenantId, "Wes Wrapper", "AGENT", account.password);
  const queueId = newSid("QU");
  await db.query(`INSERT INTO "CallQueue" (id, "tenantId", "friendlyName", "dispositionRequired", "serviceLevelSeconds", "createdAt", "updatedAt") VALUES ($1, $2, 'Collections', true, 20, now(), now())`, [queueId, tenantId]);
  const saleId = newId("dsp");
  await db.query(`INSERT INTO "Disposition" (id, "tenantId", code, name) VALUES ($1, $2, 'paid', 'Paid in full')`, [saleId, tenantId]);

  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, agentMember.email, account.password);
  await agent.goto("/desktop");
  await expect(agent.getByLabel("Your status")).toHaveValue("offline");
  // The call just ended: the agent is in wrap-up for the queue (what the worker does when a handled call ends).
  await db.query(`UPDATE "Agent" SET state = 'WRAP_UP', "stateSince" = now(), "currentQueueId" = $2, "wrapUpUntil" = now() + interval '5 minutes' WHERE "userId" = $1`, [agentMember.userId, queueId]);
  await agent.reload();
  const wrap = agent.getByRole("form", { name: "Wrap-up" });
  await expect(wrap).toBeVisible();
  await expect(wrap.getByText(/ends in [45]:\d\d/)).toBeVisible();
  await expect(agent.getByLabel("Your status")).toBeDisabled();
  await wrap.getByRole("button", { name: "Done" }).click();
  await expect(wrap.getByText("this queue requires a disposition code before wrap-up ends")).toBeVisible();
  await expect(wrap.getByLabel("Disposition")).toHaveAttribute("aria-invalid", "true");
  await shootSchemes(agent, "acd-desktop-wrap-up");
  await wrap.getByLabel("Disposition").selectOption({ label: "Paid in full (paid)" });
  await wrap.getByLabel("Notes").fill("Card payment taken");
  await wrap.getByRole("button", { name: "Done" }).click();
  await expect(wrap).toBeHidden();
  await expect(agent.getByLabel("Your status")).toHaveValue("available");
  const kept = await db.query(`SELECT "dispositionId", notes, "queueId" FROM "CallWrapUp" WHERE "tenantId" = $1`, [tenantId]);
  expect(kept.rows).toEqual([{ dispositionId: saleId, notes: "Card payment taken", queueId }]);

  // Today: 4 answered (1 within 20 s), 2 abandoned; one caller has waited 70 s (over twice the 20 s target).
  const outcome = (result: string, wait: number) =>
    db.query(
      `INSERT INTO "QueueOutcome" (id, "tenantId", "queueId", "itemKind", "itemId", "enqueuedAt", "answeredAt", "endedAt", result, "waitSeconds", "handleSeconds") VALUES ($1, $2, $3, 'call', $4, now() - interval '10 minutes', now() - interval '9 minutes', now() - interval '1 minute', $5, $6, 120)`,
      [newId("qo"), tenantId, queueId, newSid("CA"), result, wait],
    );
  for (const [result, wait] of [["answered", 10], ["answered", 30], ["answered", 40], ["answered", 50], ["abandoned", 60], ["abandoned", 5]] as const) await outcome(result, wait);
  await db.query(`INSERT INTO "QueueMember" (id, "tenantId", "queueId", "callId", position, "enqueuedAt") VALUES ($1, $2, $3, $4, 1, now() - interval '70 seconds')`, [newId("qm"), tenantId, queueId, newSid("CA")]);
  await page.goto("/wallboard");
  const tile = page.getByRole("region", { name: "Queue Collections" });
  await expect(tile).toHaveAttribute("data-level", "red");
  await expect(tile.getByText("16.7%")).toBeVisible(); // service level: 1 of 6 offered
  await expect(tile.getByText("33.3%")).toBeVisible(); // abandon rate: 2 of 6
  await page.screenshot({ path: "test-results/acd-wallboard-red-dark.png", fullPage: true });
  await page.goto(`/queues/${queueId}`);
  await expect(page.getByRole("img", { name: "Today: 4 answered, 2 abandoned" })).toBeVisible();
  await shootSchemes(page, "acd-queue-with-numbers", { phone: true });
});
