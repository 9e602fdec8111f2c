// The contact centre in a real browser: a supervisor adds a skill and an away reason (a taken name is refused under
// its field), creates a queue and edits its routing settings (a bad value shows the field's error), puts an agent
// on it; the agent, in a browser of their own at /desktop, goes available and away, and the supervisor's grid follows
// live without a reload; a forced log-out is confirmed; the wallboard shows the queue's tile.
import { expect, test } from "@playwright/test";
import { hashPassword } from "../../src/server/auth/password";
import { newId } from "../../src/server/shared/ids";
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
