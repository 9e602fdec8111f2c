// Automation in a real browser: an owner sees the empty state, builds a rule in the editor (a condition on the text,
// one outside business hours, a reply and a tag), a customer's SMS matches it, and the app's embedded runner replies
// through the sender and tags the contact; the run shows under Recent runs. A rule is switched off and moved. Shot in
// light, dark and phone width.
import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { receiveInboundMessage } from "../../src/server/messages/receive-inbound-message";
import { closeE2eDatabase, e2eDatabase, giveTextingNumber, ownerOf } from "../helpers/database";
import { shootSchemes } from "../helpers/screenshots";
import { signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

test("a rule built in the editor replies to a matching SMS and tags its sender; the run is listed", async ({ page }) => {
  test.setTimeout(120_000);
  const account = await signUpNewTenant(page);
  const db = e2eDatabase();
  const { tenantId } = await ownerOf(account.email);
  const ours = `+1628${randomInt(2_000_000, 9_999_999)}`;
  const customer = `+1415${randomInt(2_000_000, 9_999_999)}`;
  await giveTextingNumber(tenantId, ours);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Automation" }).click();
  await expect(page).toHaveURL(/\/settings\/automation$/);
  await expect(page.getByText("No rules yet")).toBeVisible();
  await shootSchemes(page, "automation-empty", { phone: false });

  // The editor: name, a text condition, a time condition (every day, all but one minute: always within), a reply, a tag.
  await page.getByRole("button", { name: "New rule" }).first().click();
  const editor = page.getByRole("dialog");
  await editor.getByLabel("Name").fill("Opening hours");
  await editor.getByLabel("Words or phrases").fill("opening hours, open today");
  await editor.getByRole("button", { name: "Add a condition" }).click();
  await editor.getByRole("combobox", { name: "Condition 2: kind" }).click();
  await page.getByRole("option", { name: "Time received" }).click();
  await editor.getByRole("combobox", { name: "Within or outside the hours" }).click();
  await page.getByRole("option", { name: "within" }).click();
  await editor.getByLabel("From", { exact: true }).fill("00:00");
  await editor.getByLabel("To", { exact: true }).fill("23:59");
  for (const day of ["Sat", "Sun"]) await editor.getByLabel(day, { exact: true }).check();
  await editor.getByLabel("Time zone").fill("UTC");
  await editor.getByLabel("Reply text").fill("We are open 9 to 5, Monday to Friday.");
  await editor.getByRole("button", { name: "Add an action" }).click();
  await editor.getByLabel("Tag", { exact: true }).fill("asked-hours");
  await shootSchemes(page, "automation-editor");
  await editor.getByRole("button", { name: "Create rule" }).click();
  await expect(editor).toBeHidden();
  const card = page.getByTestId("rule-Opening hours");
  await expect(card.getByText(/the text contains “opening hours” or “open today”/)).toBeVisible();

  // A bad rule is refused, naming what is wrong.
  await page.getByRole("button", { name: "New rule" }).first().click();
  await editor.getByLabel("Name").fill("Empty words");
  await editor.getByRole("button", { name: "Create rule" }).click();
  await expect(editor.getByText(/at least one word or phrase|Invalid/i)).toBeVisible();
  await editor.getByRole("button", { name: "Cancel" }).click();

  // A customer asks; the embedded runner replies and tags.
  await receiveInboundMessage({ provider: "twilio", eventKey: `e2e-auto-${customer}`, providerMessageId: `in-auto-${customer}`, from: customer, to: ours, body: "Hi, are you open today?", mediaUrls: [] });
  await expect
    .poll(async () => (await db.query(`SELECT body FROM "Message" WHERE "tenantId" = $1 AND direction = 'OUTBOUND'`, [tenantId])).rows.map((r: { body: string }) => r.body), { timeout: 20_000 })
    .toEqual(["We are open 9 to 5, Monday to Friday."]);
  const tags = await db.query(`SELECT c.tags FROM "Contact" c JOIN "ContactIdentity" i ON i."contactId" = c.id WHERE c."tenantId" = $1 AND i.value = $2`, [tenantId, customer]);
  expect(tags.rows[0]?.tags).toEqual(["asked-hours"]);
  await page.reload();
  await expect(card.getByText("Ran 1 time", { exact: false })).toBeVisible();
  const runs = page.getByRole("table");
  await expect(runs.getByRole("cell", { name: "Opening hours" })).toBeVisible();
  await expect(runs.getByText("Done")).toHaveCount(2);

  // A second rule, then switch the first off and move the second up.
  await page.getByRole("button", { name: "New rule" }).first().click();
  await editor.getByLabel("Name").fill("VIPs");
  await editor.getByRole("combobox", { name: "Condition 1: kind" }).click();
  await page.getByRole("option", { name: "Contact tag" }).click();
  await editor.getByLabel("Tag", { exact: true }).first().fill("vip");
  await editor.getByLabel("Reply text").fill("A person will answer you shortly.");
  await editor.getByRole("button", { name: "Create rule" }).click();
  await expect(editor).toBeHidden();
  await page.getByRole("switch", { name: "Opening hours on" }).click();
  await expect(card.getByText("Off")).toBeVisible();
  await page.getByRole("button", { name: "Move VIPs up" }).click();
  await expect(page.getByTestId("rule-VIPs").getByText("1.")).toBeVisible();
  await shootSchemes(page, "automation-rules");
});
