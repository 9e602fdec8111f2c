// Phone numbers in the portal: a new workspace starts with none, adds one through the dialog (a malformed or
// already-taken number is refused beside the field), configures its handlers and gateway on its own page, sees
// the changes in the table, then releases it. The calls page of a new workspace shows its empty state with the
// test-call button. (Placing a test call that completes and plays its recording is covered once the worker runs
// in e2e.)
import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signUpNewTenant } from "../helpers/tenant";

test("a phone number is added, refused twice, configured, listed and released", async ({ page }) => {
  await signUpNewTenant(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Numbers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Phone numbers" })).toBeVisible();
  await expect(page.getByText("No phone numbers yet")).toBeVisible();

  const digits = String(randomInt(0, 10_000)).padStart(4, "0");
  const e164 = `+1415555${digits}`;
  const display = `+1 415 555 ${digits}`;

  await page.getByRole("button", { name: "Add number" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add phone number" });
  const phone = dialog.getByLabel("Phone number");
  await phone.fill("415 555");
  await dialog.getByRole("button", { name: "Add number" }).click();
  await expect(dialog.getByText(/valid phone number in international form/)).toBeVisible();

  await phone.fill(`+1 (415) 555-${digits}`);
  await dialog.getByLabel("Friendly name").fill("Support line");
  await dialog.getByRole("button", { name: "Add number" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: display });
  await expect(row).toContainText("Support line");
  await expect(row).toContainText("Voice");

  // The same DID again: it belongs to one account at a time.
  await page.getByRole("button", { name: "Add number" }).first().click();
  await dialog.getByLabel("Phone number").fill(e164);
  await dialog.getByRole("button", { name: "Add number" }).click();
  await expect(dialog.getByText(/already in use/)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await row.getByRole("link", { name: `Configure ${e164}` }).click();
  await expect(page).toHaveURL(/\/numbers\/PN[0-9a-f]{32}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(display);
  await page.getByLabel("Voice URL", { exact: true }).fill("https://example.com/irisx/voice");
  await page.getByLabel("Status callback URL", { exact: true }).fill("https://example.com/irisx/status");
  await page.getByLabel("Carrier gateway").fill("Main Gateway");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/lower-case letters, digits/)).toBeVisible();
  await page.getByLabel("Carrier gateway").fill("twilio");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Number saved")).toBeVisible();

  await page.getByRole("link", { name: "Phone numbers" }).click();
  const configured = page.getByRole("row", { name: display });
  await expect(configured).toContainText("https://example.com/irisx/voice");
  await expect(configured).toContainText("twilio");

  // Search by digits.
  await page.getByRole("searchbox", { name: "Search phone numbers" }).fill(`555 ${digits}`);
  await expect(page.getByRole("row", { name: display })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search phone numbers" }).fill("no such line");
  await expect(page.getByText("No matching numbers")).toBeVisible();

  // Released after a confirmation: the workspace has no numbers again.
  await page.getByRole("searchbox", { name: "Search phone numbers" }).fill("");
  await page.getByRole("row", { name: display }).getByRole("link", { name: `Configure ${e164}` }).click();
  await page.getByRole("button", { name: "Release number" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Release ${display}?` });
  await confirm.getByRole("button", { name: "Release number" }).click();
  await expect(page).toHaveURL(/\/numbers$/);
  await expect(page.getByText("No phone numbers yet")).toBeVisible();
});

test("the calls page of a new workspace shows its empty state and the test-call button", async ({ page }) => {
  await signUpNewTenant(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calls" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  await expect(page.getByText("No calls yet")).toBeVisible();
  await expect(page.getByRole("button", { name: "Make a test call" }).first()).toBeVisible();

  // Without a number there is no caller id: the dialog says so and links to the numbers page.
  await page.getByRole("button", { name: "Make a test call" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Make a test call" });
  await expect(dialog.getByText(/add a voice number to this workspace first/)).toBeVisible();
  await dialog.getByRole("link", { name: "Go to phone numbers" }).click();
  await expect(page).toHaveURL(/\/numbers$/);
});
